import type { Command } from 'commander';
import { writeGeneratedLab } from '../../lab/generate/index.js';
import type { GeneratedRouting } from '../../lab/generate/routing.js';

/** Flags of `generate`. */
interface GenerateFlags {
  spokes: number;
  hubs: number;
  nat: number;
  phase: 1 | 2 | 3;
  routing: GeneratedRouting;
  name?: string;
  ipsec?: boolean;
}

/** `dmvpn-lab generate --spokes N [--hubs H] [--nat K] [--phase P] [--routing R] [--ipsec] DIR`: writes a lab of that size. */
export function registerGenerate(program: Command): void {
  program
    .command('generate <dir>')
    .description('write a lab of any size: topology (named after DIR) and IOS configs')
    .requiredOption('--spokes <n>', 'number of spokes (each with a LAN host)', Number)
    .option('--hubs <n>', 'number of hubs', Number, 1)
    .option('--nat <n>', 'how many spokes sit behind their own NAT gateway', Number, 0)
    .option('--phase <p>', 'DMVPN phase: 1, 2 or 3', Number, 3)
    .option('--routing <protocol>', 'static routes, or ospf, bgp, rip or eigrp over the tunnel', 'static')
    .option('--name <name>', 'lab name (default: the folder name)')
    .option('--ipsec', 'protect every tunnel (IKEv2, ESP AES-GCM-256 transport mode)')
    .action((dir: string, o: GenerateFlags) => {
      const file = writeGeneratedLab(dir, {
        spokes: o.spokes,
        hubs: o.hubs,
        nat: o.nat,
        phase: o.phase,
        routing: o.routing,
        ...(o.name ? { name: o.name } : {}),
        ...(o.ipsec ? { ipsec: true } : {}),
      });
      process.stdout.write(`wrote ${file}: dmvpn-lab up ${file}\n`);
    });
}
