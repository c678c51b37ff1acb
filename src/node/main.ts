#!/usr/bin/env node
/**
 * dmvpnd: the DMVPN router. This file only declares the command line; each mode of operation is a
 * module under ./commands/ that returns an exit code.
 *
 *   dmvpnd --check-config FILE [--json]   parse an IOS config and report; touches nothing
 *
 * Running a router (`--config FILE [--name N] [--control PATH]`) and `dmvpnd ctl PATH COMMAND…`
 * are added here the same way: one option or subcommand, one module.
 */
import { Command } from 'commander';
import { runCheckConfig } from './commands/check-config.js';

interface RootOptions {
  checkConfig?: string;
  json?: boolean;
}

const program = new Command('dmvpnd')
  .description('DMVPN router: mGRE and NHRP in user space, configured in Cisco IOS syntax')
  .version('0.1.0')
  .option('--check-config <file>', 'parse an IOS configuration, print what takes effect and what is ignored, exit')
  .option('--json', 'print reports as JSON')
  .action((opts: RootOptions) => {
    if (opts.checkConfig !== undefined) {
      process.exitCode = runCheckConfig(opts.checkConfig, { json: opts.json === true, write: (t) => process.stdout.write(t) });
      return;
    }
    program.help({ error: true });
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  process.stderr.write(`dmvpnd: ${e.message ?? String(err)}${e.code ? ` [${e.code}]` : ''}\n`);
  process.exit(2);
});
