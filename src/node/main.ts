#!/usr/bin/env node
/**
 * dmvpnd: the DMVPN router. This file only declares the command line; each mode of operation is a
 * module under ./cli/ that returns an exit code (loaded on demand, so `ctl` starts fast).
 *
 *   dmvpnd --config FILE [--name N] [--control PATH] [--state-dir DIR] [--key-dir DIR] [--debug]   run the router
 *          [--ssh PORT] [--ssh-host-key FILE]                    … with its SSH server (vty lines) on PORT
 *   dmvpnd --check-config FILE… [--json]                         parse IOS configs and report; touches nothing
 *   dmvpnd ctl PATH COMMAND…                                     one control command (configure: lines on stdin)
 */
interface RootOptions {
  config?: string;
  name?: string;
  control?: string;
  stateDir?: string;
  debug?: boolean;
  espKeys?: string;
  keyDir?: string;
  ssh?: string;
  sshHostKey?: string;
  checkConfig?: string[];
  json?: boolean;
}

const out = (t: string): void => void process.stdout.write(t);
const err = (t: string): void => void process.stderr.write(t);

/**
 * The router's own command line (`--config F [--name N] [--control P] [--debug]`, nothing else) read
 * without commander, so a router starts a little sooner; anything else goes through commander.
 */
function plainRun(argv: string[]): RootOptions | undefined {
  const o: RootOptions = {};
  const valued = new Map<
    string,
    'config' | 'name' | 'control' | 'espKeys' | 'keyDir' | 'stateDir' | 'ssh' | 'sshHostKey'
  >([
    ['--ssh', 'ssh'],
    ['--ssh-host-key', 'sshHostKey'],
    ['--config', 'config'],
    ['--name', 'name'],
    ['--control', 'control'],
    ['--esp-keys', 'espKeys'],
    ['--key-dir', 'keyDir'],
    ['--state-dir', 'stateDir'],
  ]);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] =
      argv[i].startsWith('--') && argv[i].includes('=')
        ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)]
        : [argv[i], undefined];
    const key = valued.get(flag);
    if (flag === '--debug' && inline === undefined) o.debug = true;
    else if (key !== undefined && o[key] === undefined) {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('-'))) return undefined;
      o[key] = v;
    } else return undefined;
  }
  return o.config === undefined ? undefined : o;
}

async function runRouterMode(opts: RootOptions): Promise<never> {
  const { runRouter } = await import('./cli/run.js');
  const code = await runRouter({
    config: opts.config!,
    name: opts.name,
    control: opts.control,
    debug: opts.debug,
    espKeys: opts.espKeys,
    keyDir: opts.keyDir,
    stateDir: opts.stateDir,
    ...(opts.ssh !== undefined ? { sshPort: Number(opts.ssh) } : {}),
    ...(opts.sshHostKey !== undefined ? { sshHostKey: opts.sshHostKey } : {}),
    out,
    err,
  });
  process.exit(code);
}

const plain = plainRun(process.argv.slice(2));
if (plain) await runRouterMode(plain);
const { Command } = await import('commander');

const program = new Command('dmvpnd')
  .description('DMVPN router: mGRE and NHRP in user space, configured in Cisco IOS syntax')
  .version('0.1.0')
  .option('--config <file>', 'run the router from this IOS configuration (until SIGTERM or SIGINT)')
  .option('--name <name>', 'router name for the control socket (default: the config hostname)')
  .option('--control <path>', 'control socket path (default: /run/dmvpnd/<name>.sock)')
  .option(
    '--state-dir <dir>',
    'folder for the FRR daemons of routing processes (default: <control>.frr beside the socket)',
  )
  .option('--debug', 'also write `debug nhrp` output to the log')
  .option('--esp-keys <file>', "append each ESP SA's keys to this file as Wireshark esp_sa lines")
  .option('--key-dir <dir>', 'append Wireshark esp_sa, ikev1_ and ikev2_decryption_table lines to files in this folder')
  .option('--ssh <port>', 'serve the exec CLI over SSH on this port (the vty lines; users from the config)')
  .option('--ssh-host-key <file>', 'SSH host key, made there on first start (default: beside the control socket)')
  .option('--check-config <files...>', 'parse IOS configurations, print what takes effect and what is ignored, exit')
  .option('--json', 'print reports as JSON')
  .action(async (opts: RootOptions) => {
    if (opts.checkConfig !== undefined) {
      const { runCheckConfig } = await import('./cli/check-config.js');
      process.exitCode = await runCheckConfig(opts.checkConfig, { json: opts.json === true, write: out });
      return;
    }
    if (opts.config !== undefined) await runRouterMode(opts);
    program.help({ error: true });
  });

program
  .command('ctl')
  .description(
    'send one command to a running router: show …, configure (lines on stdin), debug nhrp, clear ip nhrp, help',
  )
  .argument('<path>', 'control socket of the router')
  .argument('<command...>', 'the command, e.g. show ip nhrp json')
  .allowUnknownOption()
  .helpOption(false)
  .action(async (path: string, words: string[]) => {
    const { runCtl } = await import('./cli/ctl.js');
    const hangUp = new AbortController();
    process.once('SIGINT', () => hangUp.abort());
    process.exitCode = await runCtl(path, words, { stdin: process.stdin, out, err, signal: hangUp.signal });
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  const x = e as { code?: string; message?: string };
  process.stderr.write(`dmvpnd: ${x.message ?? String(e)}${x.code ? ` [${x.code}]` : ''}\n`);
  process.exit(2);
});
