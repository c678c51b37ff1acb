import type { Command } from 'commander';
import { topologyJsonSchema } from '../../lab/topology/json-schema.js';

/** `dmvpn-lab schema`: prints the topology JSON schema (the one in schema/topology.schema.json). */
export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON schema of topology files (for editors)')
    .action(() => {
      process.stdout.write(topologyJsonSchema());
    });
}
