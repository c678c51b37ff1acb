#!/usr/bin/env node
import { Command } from 'commander';
import { commands } from './commands/index.js';
import { requireRoot } from '../lab/root.js';

/**
 * Subcommands that only read or write files and need no root; every other one touches namespaces,
 * processes or control sockets and is refused up front (NOT_ROOT) for a non-root user.
 */
const WITHOUT_ROOT = new Set([
  'decode',
  'simulate',
  'generate',
  'schema',
  'export',
  'import',
  'logs',
  'validate',
  'graph',
  'help',
]);

/** dmvpn-lab: the orchestrator CLI; every subcommand lives in ./commands/. */
const program = new Command('dmvpn-lab')
  .description('A containerized lab for Dynamic Multipoint VPN (DMVPN)')
  .version('0.1.0');
for (const register of commands) register(program);
program.hook('preAction', (_program, action) => {
  if (!WITHOUT_ROOT.has(action.name())) requireRoot(`dmvpn-lab ${action.name()}`);
});

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  process.stderr.write(`dmvpn-lab: ${e.message ?? String(err)}${e.code ? ` [${e.code}]` : ''}\n`);
  process.exit(
    typeof (err as { exitCode?: number }).exitCode === 'number' ? (err as { exitCode: number }).exitCode : 2,
  );
});
