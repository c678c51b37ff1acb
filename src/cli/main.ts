#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { requireRoot } from '../lab/root.js';
import { EXIT, reportFailure } from './exit-codes.js';

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

/** dmvpn-lab: the orchestrator CLI; every subcommand lives in ./commands/. Exit statuses: ./exit-codes.ts. */
const program = new Command('dmvpn-lab')
  .description('A containerized lab for Dynamic Multipoint VPN (DMVPN)')
  .version('0.1.0')
  // usage errors throw (exit 2 below) instead of commander's exit 1; subcommands inherit this
  .exitOverride();
for (const register of commands) register(program);
program.hook('preAction', (_program, action) => {
  if (!WITHOUT_ROOT.has(action.name())) requireRoot(`dmvpn-lab ${action.name()}`);
});

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    // commander has printed the message already; --help and --version end with its exit code 0
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  reportFailure('dmvpn-lab', err);
  process.exit(process.exitCode ?? EXIT.failed);
});
