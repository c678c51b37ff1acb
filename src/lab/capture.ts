/** Packet captures: tcpdump on a node's interface, detached, writing `clab-<lab>/pcaps/<node>-<iface>.pcap`. */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabError } from './errors.js';
import { throwIfAborted } from './interrupt.js';
import { alive, readPid, stopAll } from './process.js';
import type { Runtime } from './runtime/types.js';
import { saveState, type CaptureState, type LabState } from './state.js';
import { iosToLinux } from './topology/ifnames.js';

/** A node interface to capture on (Linux name). */
export interface CaptureTarget {
  node: string;
  iface: string;
}

/** Every link once (its first endpoint's side): what `capture --all` and `up --capture` record. */
export function allLinkTargets(state: LabState): CaptureTarget[] {
  return state.links.map((l) => {
    const [node = '', written = ''] = l.a.split(':');
    const n = state.nodes.find((x) => x.name === node);
    return { node, iface: n?.interfaces.find((i) => i.written === written)?.name ?? written };
  });
}

/** Resolves `node:iface` (IOS names allowed on routers; tunN for a router's tunnel); throws BAD_ARGUMENT. */
export function parseTarget(state: LabState, spec: string): CaptureTarget {
  const [node = '', iface = ''] = spec.split(':');
  const n = state.nodes.find((x) => x.name === node);
  if (!n)
    throw new LabError(
      'NODE_NOT_FOUND',
      `no node "${node}" in lab ${state.name} (nodes: ${state.nodes.map((x) => x.name).join(', ')})`,
    );
  const byWritten = n.interfaces.find((i) => i.written === iface || i.name === iface);
  if (byWritten) return { node, iface: byWritten.name };
  const linux = n.kind === 'dmvpn' ? iosToLinux(iface) : undefined;
  if (linux && (linux.startsWith('tun') || n.interfaces.some((i) => i.name === linux))) return { node, iface: linux };
  throw new LabError(
    'BAD_ARGUMENT',
    `"${spec}": ${node} has no interface "${iface}" (it has ${n.interfaces.map((i) => i.written).join(', ') || 'none'}${n.kind === 'dmvpn' ? ', Tunnel0' : ''})`,
  );
}

/** Removes the pcaps of an earlier run of the lab (`up` starts with none but its own). */
export function clearPcaps(state: Pick<LabState, 'labDir'>): void {
  rmSync(join(state.labDir, 'pcaps'), { recursive: true, force: true });
}

/** Starts tcpdump on each target not already captured; resolves once each one listens. */
export async function startCaptures(
  runtime: Runtime,
  state: LabState,
  targets: CaptureTarget[],
): Promise<CaptureState[]> {
  throwIfAborted();
  const dir = join(state.labDir, 'pcaps');
  mkdirSync(dir, { recursive: true });
  const started: CaptureState[] = [];
  for (const t of targets) {
    if (state.captures.some((c) => c.node === t.node && c.iface === t.iface && running(c))) continue;
    const n = state.nodes.find((x) => x.name === t.node)!;
    const base = join(dir, `${t.node}-${t.iface}`);
    const c: CaptureState = {
      node: t.node,
      iface: t.iface,
      pcap: `${base}.pcap`,
      pidFile: `${base}.pid`,
      log: `${base}.log`,
    };
    runtime.spawn(n.namespace, ['tcpdump', '-i', t.iface, '-n', '--immediate-mode', '-U', '-Z', 'root', '-w', c.pcap], {
      log: c.log,
      pidFile: c.pidFile,
    });
    state.captures = state.captures.filter((x) => !(x.node === t.node && x.iface === t.iface));
    state.captures.push(c);
    started.push(c);
  }
  saveState(state);
  await Promise.all(started.map(waitListening));
  return started;
}

async function waitListening(c: CaptureState): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const log = readLog(c.log);
    if (log.includes('listening on')) return;
    if (!running(c) || Date.now() > until) {
      throw new LabError(
        'CAPTURE_FAILED',
        `tcpdump on ${c.node}:${c.iface} did not start: ${log.trim() || 'no output'}`,
      );
    }
    await sleep(50);
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** True while the capture's tcpdump runs. */
export function running(c: CaptureState): boolean {
  const pid = readPid(c.pidFile);
  return pid !== undefined && alive(pid);
}

/** Waits (≤ 1 s) until the pcaps stop growing, so packets already seen are written (before tcpdump stops, or before a pcap is read). */
export async function settle(files: string[]): Promise<void> {
  const sizes = (): string => files.map((f) => (existsSync(f) ? statSync(f).size : 0)).join(',');
  let last = sizes();
  for (let i = 0; i < 10; i++) {
    await sleep(100);
    const now = sizes();
    if (now === last) return;
    last = now;
  }
}

/** Stops the captures on `targets` (all when undefined); the pcaps stay. Returns those stopped. */
export async function stopCaptures(state: LabState, targets?: CaptureTarget[]): Promise<CaptureState[]> {
  const chosen = state.captures.filter(
    (c) => !targets || targets.some((t) => t.node === c.node && t.iface === c.iface),
  );
  await settle(chosen.map((c) => c.pcap));
  await stopAll(chosen.flatMap((c) => readPid(c.pidFile) ?? []));
  state.captures = state.captures.filter((c) => !chosen.includes(c));
  saveState(state);
  return chosen;
}
