import type { Command } from 'commander';
import { LabError } from '../../lab/errors.js';
import { toAscii } from '../../lab/graph/ascii.js';
import { toDot } from '../../lab/graph/dot.js';
import { toMermaid } from '../../lab/graph/mermaid.js';
import { loadGraph } from '../../lab/graph/model.js';

const FORMATS = { ascii: toAscii, dot: toDot, mermaid: toMermaid };

/**
 * `dmvpn-lab graph LAB|FILE [--format ascii|dot|mermaid]`: the lab's nodes (hub, spoke, host…) and
 * links with their interfaces, to stdout.
 */
export function registerGraph(program: Command): void {
  program
    .command('graph <labOrFile>')
    .description('draw a lab (running, or a topology file): nodes with their kind, links with interfaces')
    .option('--format <format>', 'ascii (terminal), dot (Graphviz: | dot -Tsvg) or mermaid (Markdown)', 'ascii')
    .action((labOrFile: string, o: { format: string }) => {
      const render = FORMATS[o.format as keyof typeof FORMATS];
      if (!render) {
        throw new LabError('BAD_ARGUMENT', `unknown format "${o.format}" (ascii, dot, mermaid)`, { exitCode: 2 });
      }
      process.stdout.write(render(loadGraph(labOrFile)));
    });
}
