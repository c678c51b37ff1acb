import type { Command } from 'commander';
import { inspectLab } from '../../lab/inspect.js';
import { findLab } from '../../lab/state.js';
import { outputFormat } from '../format.js';

/** `dmvpn-lab inspect LAB [--format json]`: namespaces, interfaces, addresses, control sockets, pcaps. */
export function registerInspect(program: Command): void {
  program
    .command('inspect <lab>')
    .description('everything a script needs: namespaces, interfaces, addresses, control sockets, logs, pcaps')
    .option('--format <format>', 'text or json', 'text')
    .option('--json', 'same as --format json')
    .action(async (lab: string, o: { json?: boolean; format?: string }) => {
      const json = o.json === true || outputFormat(o.format) === 'json';
      const info = await inspectLab(findLab(lab));
      if (json) {
        process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
        return;
      }
      const out = [`lab ${info.name} (${info.phase}, runtime ${info.runtime}) ${info.labDir}`];
      if (info.mgmt)
        out.push(`management network ${info.mgmt.network} ${info.mgmt.subnet} (host ${info.mgmt.gateway})`);
      for (const n of info.nodes) {
        out.push(`${n.name} [${n.kind}] ${n.namespace}${n.control ? ` control ${n.control}` : ''}`);
        if (n.mgmtIpv4 !== undefined) out.push(`  mgmt   ${n.mgmtIpv4} (ssh admin@${n.mgmtIpv4})`);
        for (const i of n.interfaces.filter((x) => x.name !== 'lo' || x.addresses.length > 1)) {
          out.push(
            `  ${i.name.padEnd(6)} ${i.state.padEnd(8)} ${i.addresses.join(' ').padEnd(18)} ${i.written && i.written !== i.name ? `(${i.written}) ` : ''}${i.peer ? `-> ${i.peer}` : ''}`.trimEnd(),
          );
        }
        for (const p of n.pcaps) out.push(`  pcap ${p}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
