import type { Command } from 'commander';
import { writeContainerlabExport } from '../../lab/docker/clab-export.js';
import { LabError } from '../../lab/errors.js';

/** `dmvpn-lab export FILE --format containerlab [-o OUT]`: writes a topology containerlab deploys as it is. */
export function registerExport(program: Command): void {
  program
    .command('export <file>')
    .description(
      'write the lab as a containerlab topology (kind linux, the dmvpn-node image, configs bound in, the links)',
    )
    .requiredOption('--format <format>', 'containerlab')
    .option(
      '-o, --out <path>',
      'a .clab.yml file or a folder (default: ./<name>-containerlab/<name>.clab.yml); node files go next to it',
    )
    .option('--image <ref>', 'the image every node runs (default: dmvpn-lab/dmvpn-node:latest, or $DMVPN_NODE_IMAGE)')
    .action((file: string, o: { format: string; out?: string; image?: string }) => {
      if (o.format !== 'containerlab')
        throw new LabError('BAD_ARGUMENT', `unknown export format "${o.format}" (known: containerlab)`);
      const r = writeContainerlabExport(file, {
        ...(o.out !== undefined ? { out: o.out } : {}),
        ...(o.image !== undefined ? { image: o.image } : {}),
      });
      process.stdout.write(
        `wrote ${r.topology} and ${r.files.length} node files: sudo containerlab deploy -t ${r.topology}\n`,
      );
    });
}
