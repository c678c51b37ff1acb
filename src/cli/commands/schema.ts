import type { Command } from 'commander';
import { expectJsonSchema } from '../../lab/expect/json-schema.js';
import { topologyJsonSchema } from '../../lab/topology/json-schema.js';

/**
 * `dmvpn-lab schema [topology|expect]`: prints the JSON schema of topology files (schema/topology.schema.json)
 * or of expectations files (schema/expect.schema.json).
 */
export function registerSchema(program: Command): void {
  program
    .command('schema [which]')
    .description('print the JSON schema of topology files, or with "expect" of expectations files (for editors)')
    .action((which: string | undefined) => {
      if (which !== undefined && which !== 'topology' && which !== 'expect') {
        process.stderr.write(`dmvpn-lab schema: "${which}" is neither topology nor expect [BAD_ARGUMENT]\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(which === 'expect' ? expectJsonSchema() : topologyJsonSchema());
    });
}
