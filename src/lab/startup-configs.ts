/**
 * Router configurations as dmvpnd reads them, before any router runs: one `dmvpnd --check-config FILE… --json`
 * process for all the files, so the lab never parses IOS itself (the router's parser is the one reader).
 */
import { spawnSync } from 'node:child_process';
import type { RunningConfigJson } from '../node/api/index.js';
import { LabError } from './errors.js';
import { dmvpndCommand } from './router.js';

/** One file's `--check-config` report, as much of it as the lab reads. */
export interface StartupConfigReport {
  file: string;
  /** True when no line was refused. */
  ok: boolean;
  hostname: string;
  /** The configuration that takes effect (the `show running-config json` shape). */
  config: RunningConfigJson;
  /** Refused lines. */
  errors: Array<{ code: string; file: string; line: number; column?: number; message: string }>;
  /** Each address in force and where it is written. */
  addressLines: Array<{ interface: string; address: string; prefixLength: number; line: number; column: number }>;
  /** Lines dmvpnd does not act on: not supported (ignored), or recorded and not active yet. */
  ignored: Array<{
    line: number;
    text: string;
    reason: string;
    status: 'unsupported' | 'inactive';
    children: Array<{ line: number; text: string }>;
  }>;
  /** Lines that load with a warning. */
  warnings: Array<{ code: string; file: string; line: number; message: string }>;
}

/** The reports of `files`, in order; throws CONFIG_UNREADABLE when dmvpnd cannot report on them. */
export function readStartupConfigs(files: string[]): StartupConfigReport[] {
  if (files.length === 0) return [];
  const [node, ...args] = dmvpndCommand();
  const r = spawnSync(node!, [...args, '--check-config', ...files, '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 << 20,
  });
  try {
    const parsed = JSON.parse(r.stdout) as StartupConfigReport | StartupConfigReport[];
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0];
    throw new LabError('CONFIG_UNREADABLE', `dmvpnd --check-config could not read ${files.join(', ')}: ${why}`);
  }
}
