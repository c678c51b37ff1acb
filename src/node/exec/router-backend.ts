/**
 * The router behind an interactive session (./session.ts): show commands as the control socket
 * answers them, configuration lines applied live through Router.configure with the sub-mode
 * replayed (../config/live-mode.ts), `write memory` into the router's startup-config file,
 * ping and traceroute from the router's namespace (./ping.ts), the log for `terminal monitor`.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { linesInMode, modeAfter } from '../config/live-mode.js';
import { renderRunningConfig } from '../config/render.js';
import { checkSecret } from '../config/secrets.js';
import type { Router } from '../router/router.js';
import type { ExecBackend } from './backend.js';
import { typedLineOutput } from './config-line.js';
import { iosPing, iosTraceroute } from './ping.js';
import { show } from './serve.js';

/** Where the router's startup-config lives (the file dmvpnd was started with). */
export interface RouterBackendOptions {
  startupConfig?: string;
}

/** The backend of `router`. */
export function routerBackend(router: Router, opts: RouterBackendOptions = {}): ExecBackend {
  return {
    hostname: () => router.config.hostname,
    checkEnable(password) {
      const e = router.config.access?.enable;
      if (!e) return undefined;
      return checkSecret(e, password) === true;
    },
    async show(line, prompt) {
      // the show parser places its caret after `hostname#`
      return indentCaret(await show(line, router), prompt.length - router.config.hostname.length - 1);
    },
    clearNhrp: () => router.clearNhrp(),
    async configure(openers, line, promptLength) {
      const move = modeAfter(router.config, openers, line);
      const { lines, lineNo } = linesInMode(openers, line);
      const { apply, problems } = await router.configure(lines);
      const indent = lines[lineNo - 1]!.length - line.trim().length;
      const kernel = problems.map((p) => (p.startsWith('%') ? p : `% ${p}`)).join('\n');
      const output = typedLineOutput(apply, lineNo, indent, promptLength) + (kernel ? `${kernel}\n` : '');
      return { output, move: apply.errors.some((e) => e.line === lineNo) ? 'stay' : move };
    },
    async writeMemory() {
      if (opts.startupConfig === undefined) return '% No startup-config file for this router\n';
      const text = renderRunningConfig(router.config);
      const tmp = `${opts.startupConfig}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, opts.startupConfig);
      router.log.info('%SYS-5-CONFIG_NV_I: Nonvolatile storage configured from running-config');
      return 'Building configuration...\n[OK]\n';
    },
    async startupConfig() {
      if (opts.startupConfig === undefined) return 'startup-config is not present\n';
      try {
        return await readFile(opts.startupConfig, 'utf8');
      } catch {
        return 'startup-config is not present\n';
      }
    },
    ping: (target, o, write, signal) => iosPing(target, o, write, signal),
    traceroute: (target, write, signal) => iosTraceroute(target, write, signal),
    subscribeLog: (sink) => router.log.subscribe(sink),
  };
}

/** A show refusal's caret line moved right by the prompt's width (the show parser places it for no prompt). */
function indentCaret(text: string, by: number): string {
  const lines = text.split('\n');
  if (by > 0 && lines.length > 2 && /^\s*\^$/.test(lines[1]!)) lines[1] = `${' '.repeat(by)}${lines[1]}`;
  return lines.join('\n');
}
