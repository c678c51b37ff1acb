import type { Command } from 'commander';
import { importCourseLab, reportText } from '../../lab/import/index.js';

/**
 * `dmvpn-lab import FILE [-o DIR]`: writes a CML 2.x lab (.yaml) or a GNS3 project (.gns3) as a topology
 * and one .cfg per router, and reports every configuration line dmvpnd does not act on (file:line).
 * Exit 0 imported, 2 the file cannot be imported (each problem named by node and field; nothing written).
 */
export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description(
      'write a CML 2.x lab (.yaml) or a GNS3 project (.gns3) as a topology plus one .cfg per router; ' +
        'report the config lines not acted on',
    )
    .option('-o, --out <dir>', 'folder to write into (default: ./<lab name>/)')
    .option('--name <name>', 'lab name (default: the file name without its extension)')
    .option('--json', 'print the report as JSON')
    .action((file: string, o: { out?: string; name?: string; json?: boolean }) => {
      const report = importCourseLab(file, {
        ...(o.out !== undefined ? { out: o.out } : {}),
        ...(o.name !== undefined ? { name: o.name } : {}),
      });
      process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report));
    });
}
