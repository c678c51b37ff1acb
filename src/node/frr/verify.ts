/**
 * FRR's own reading of a translated configuration, before anything runs: each daemon's dry run
 * (`DAEMON -C -f FILE`, which parses the file and exits), and the lines translation could not carry
 * over. A complaint names the daemon's file line; `iosLineOf` finds the IOS line it came from.
 * FRR logs "… on config line N: TEXT" for a refused line; a `%` message it prints carries no line
 * number, so it is placed by dry runs of ever shorter heads of the file (a bisection).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RouterConfig } from '../config/model.js';
import { ConfigError } from '../config/errors.js';
import { FRR_DIR, frrInstalled } from './daemons.js';
import { NOT_TRANSLATED, translate, type FrrDaemonConfig } from './translate.js';

/** One line FRR refused, or could not be written for FRR. */
export interface FrrComplaint {
  daemon: string;
  /** 1-based line of the daemon's file (0: not known). */
  frrLine: number;
  /** That line of the daemon's file, or the IOS text that was not translated. */
  frrText: string;
  message: string;
  kind: 'refused' | 'not-translated';
}

/** Lines of the daemon files that say an IOS line has no FRR form. */
export function untranslated(files: FrrDaemonConfig[]): FrrComplaint[] {
  return files.flatMap((f) =>
    f.text.split('\n').flatMap((line, i) => {
      const at = line.indexOf(NOT_TRANSLATED);
      if (at < 0) return [];
      const rest = line.slice(at + NOT_TRANSLATED.length);
      const cut = rest.indexOf(': ');
      return [
        {
          daemon: f.daemon,
          frrLine: i + 1,
          frrText: cut < 0 ? rest : rest.slice(0, cut),
          message: cut < 0 ? 'no FRR form' : rest.slice(cut + 2),
          kind: 'not-translated' as const,
        },
      ];
    }),
  );
}

/**
 * Messages of a dry run that depend on the routes a running zebra would know (none in a dry run):
 * pimd checks that the RP is reachable when it reads `ip pim rp`, and keeps the RP either way.
 */
const NEEDS_ROUTES = [/No Path to RP address specified/];

const LINE_RE = /^\S+ \S+ \S+: \[[^\]]*\](?:\[[^\]]*\])? (.*?) on config line (\d+):\s?(.*)$/;
const LOG_RE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /;

/** Runs `daemon -C` on `text`; returns what it printed (stdout and stderr, in order). */
function dryRunOutput(daemon: string, text: string, frrDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dmvpnd-frr-check-'));
  try {
    // the daemon reads its file after dropping to user frr
    chmodSync(dir, 0o755);
    const file = join(dir, `${daemon}.conf`);
    writeFileSync(file, text, { mode: 0o644 });
    const args = ['-C', '-f', file, '--vty_socket', dir, '-i', join(dir, 'pid'), '-z', join(dir, 'zserv.api')];
    const run = spawnSync('sh', ['-c', '"$0" "$@" 2>&1', join(frrDir, daemon), ...args], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    return run.stdout ?? '';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The complaints of one daemon's dry run; a `%` message without a line number is placed by bisection. */
export function dryRun(file: FrrDaemonConfig, frrDir = FRR_DIR): FrrComplaint[] {
  const out: FrrComplaint[] = [];
  const loose: string[] = [];
  for (const raw of dryRunOutput(file.daemon, file.text, frrDir).split('\n')) {
    if (NEEDS_ROUTES.some((re) => re.test(raw))) continue;
    const m = LINE_RE.exec(raw);
    if (m) out.push({ daemon: file.daemon, frrLine: Number(m[2]), frrText: m[3]!, message: m[1]!, kind: 'refused' });
    else if (raw.trim() !== '' && !LOG_RE.test(raw)) loose.push(raw.trim());
  }
  const lines = file.text.split('\n');
  for (const message of loose) {
    let [lo, hi] = [1, lines.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dryRunOutput(file.daemon, `${lines.slice(0, mid).join('\n')}\nend\n`, frrDir).includes(message)) hi = mid;
      else lo = mid + 1;
    }
    const same = out.find((c) => c.frrLine === lo);
    if (same) same.message = `${message} (${same.message})`;
    else out.push({ daemon: file.daemon, frrLine: lo, frrText: lines[lo - 1] ?? '', message, kind: 'refused' });
  }
  return out.sort((a, b) => a.frrLine - b.frrLine);
}

const words = (line: string) =>
  line
    .trim()
    .split(/\s+/)
    .flatMap((w) => (/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(w) ? w.split('/') : [w]));

/**
 * The IOS line (1-based) a daemon file line came from: the line of the IOS text with the same first
 * word that shares the most words with it (A.B.C.D/LEN counts as A.B.C.D); undefined when none does.
 */
export function iosLineOf(iosLines: string[], frrText: string): number | undefined {
  const want = words(frrText);
  if (want.length === 0) return undefined;
  let best: { line: number; score: number } | undefined;
  iosLines.forEach((l, i) => {
    const have = words(l);
    if (have[0] !== want[0] || l.trim().startsWith('!')) return;
    const score = want.filter((w) => have.includes(w)).length;
    if (!best || score > best.score) best = { line: i + 1, score };
  });
  return best && (best.score >= Math.min(2, want.length) || want.length === 1) ? best.line : undefined;
}

/**
 * The routing lines of an IOS config that FRR would not run, as configuration errors at their IOS
 * lines: lines translation cannot carry over, and (when FRR is installed) lines a daemon's dry run
 * refuses. `iosText` is the file's text, to find the lines.
 */
export function frrConfigErrors(config: RouterConfig, iosText: string, file: string, frrDir = FRR_DIR): ConfigError[] {
  const files = translate(config);
  if (files.length === 0) return [];
  const complaints = [
    ...untranslated(files),
    ...(frrInstalled(frrDir) ? files.filter((f) => f.daemon !== 'zebra').flatMap((f) => dryRun(f, frrDir)) : []),
  ];
  const ios = iosText.split(/\r?\n/);
  // prefix lists and route-maps are in each daemon's file: one error per IOS line and message
  const seen = new Set<string>();
  return complaints.flatMap((c) => {
    const line = iosLineOf(ios, c.frrText) ?? 0;
    const text = line > 0 ? ios[line - 1]! : c.frrText;
    const refused = c.kind === 'refused';
    const key = `${c.kind} ${line > 0 ? line : c.frrText} ${c.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const error = new ConfigError({
      code: refused ? 'CONFIG_REFUSED_BY_FRR' : 'CONFIG_NOT_TRANSLATABLE',
      file,
      line,
      column: line > 0 ? text.length - text.trimStart().length + 1 : 0,
      text,
      ios: c.message.startsWith('%') ? c.message : `% ${c.message}`,
      fault: {
        command: text.trim(),
        expected: refused ? `a line FRR's ${c.daemon} accepts` : 'a form FRR can run',
        found: refused ? `${c.daemon} refused its line ${c.frrLine} "${c.frrText.trim()}": ${c.message}` : c.message,
      },
    });
    return [error];
  });
}
