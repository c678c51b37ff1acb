import { basename } from 'node:path';
import type { Command } from 'commander';
import { writeContainerlabExport } from '../../lab/docker/clab-export.js';
import { LabError } from '../../lab/errors.js';
import { writeCmlExport } from '../../lab/export/cml.js';

/** `dmvpn-lab export FILE --format containerlab [-o OUT]`: writes a topology containerlab deploys as it is. */
export function registerExport(program: Command): void {
  program
    .command('export <file>')
    .description(
      'write the lab as a containerlab topology (kind linux, the dmvpn-node image, configs bound in, the links)',
    )
    .requiredOption(
      '--format <format>',
      'containerlab, or cml (a CML 2.x lab YAML: -o FILE, default ./<name>.cml.yaml)',
    )
    .option(
      '-o, --out <path>',
      'a .clab.yml file or a folder (default: ./<name>-containerlab/<name>.clab.yml); node files go next to it',
    )
    .option('--image <ref>', 'the image every node runs (default: dmvpn-lab/dmvpn-node:latest, or $DMVPN_NODE_IMAGE)')
    .action((file: string, o: { format: string; out?: string; image?: string }) => {
      if (o.format === 'cml') {
        const out = o.out ?? `${basename(file).replace(/\.clab\.ya?ml$|\.ya?ml$/, '')}.cml.yaml`;
        process.stdout.write(`wrote ${writeCmlExport(file, out)}: open it in CML, or dmvpn-lab import ${out}\n`);
        return;
      }
      if (o.format !== 'containerlab')
        throw new LabError('BAD_ARGUMENT', `unknown export format "${o.format}" (known: containerlab, cml)`);
      const r = writeContainerlabExport(file, {
        ...(o.out !== undefined ? { out: o.out } : {}),
        ...(o.image !== undefined ? { image: o.image } : {}),
      });
      process.stdout.write(
        `wrote ${r.topology} and ${r.files.length} node files: sudo containerlab deploy -t ${r.topology}\n`,
      );
    });
}
