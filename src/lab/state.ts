/**
 * A lab's state: written to `clab-<name>/state.json` and to the machine-wide registry
 * (`/run/dmvpn-lab/labs/<name>.json`), so any process can `status` or `down` it, even after
 * the process that created it died.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LabError } from './errors.js';
import { registryDir, registryFile } from './paths.js';

/** One interface of a node: its Linux name, the name written in the topology, and the far end. */
export interface LabInterfaceState {
  name: string;
  written: string;
  peer: string;
}

/** One node: the runtime's handle for it (the namespace) and the files of its process. */
export interface NodeState {
  name: string;
  kind: string;
  namespace: string;
  interfaces: LabInterfaceState[];
  /** Router only: control socket, log, pid file, exit-status file, startup-config copy. */
  control?: string;
  log?: string;
  pidFile?: string;
  exitFile?: string;
  config?: string;
  /** Router only: its address on the management network (SSH). */
  mgmtIpv4?: string;
}

/** A running packet capture. */
export interface CaptureState {
  node: string;
  iface: string;
  pcap: string;
  pidFile: string;
  log: string;
}

/** Everything another process needs to see or remove a lab. */
export interface LabState {
  version: 1;
  name: string;
  runtime: string;
  topologyFile: string;
  labDir: string;
  /** creating: `up` has not finished (or its process died); up: ready. */
  phase: 'creating' | 'up';
  createdAt: string;
  orchestratorPid: number;
  /** Every namespace the lab makes, known before the first one is created. */
  namespaces: string[];
  nodes: NodeState[];
  links: Array<{ a: string; b: string }>;
  captures: CaptureState[];
  /** The management network: its bridge in the host's namespace, subnet and the host's address. */
  mgmt?: { network: string; bridge: string; subnet: string; gateway: string };
}

/** The lab's own state file. */
export function stateFile(labDir: string): string {
  return join(labDir, 'state.json');
}

function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Claims the lab name in the registry; throws LAB_EXISTS when another lab holds it. */
export function claimName(state: LabState): void {
  mkdirSync(registryDir(), { recursive: true });
  try {
    writeFileSync(registryFile(state.name), JSON.stringify(state, null, 2), { flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
    const other = readRegistry(state.name);
    throw new LabError(
      'LAB_EXISTS',
      `a lab named "${state.name}" is already up (topology ${other?.topologyFile ?? '?'}); run "dmvpn-lab down ${state.name}" first or pick another name`,
      { cause },
    );
  }
  writeAtomic(stateFile(state.labDir), JSON.stringify(state, null, 2));
}

/** Saves the state to both places. */
export function saveState(state: LabState): void {
  const text = JSON.stringify(state, null, 2);
  writeAtomic(registryFile(state.name), text);
  writeAtomic(stateFile(state.labDir), text);
}

/** The registry entry of lab `name`, or undefined. */
export function readRegistry(name: string): LabState | undefined {
  try {
    return JSON.parse(readFileSync(registryFile(name), 'utf8')) as LabState;
  } catch {
    return undefined;
  }
}

/** Every lab in the registry, by name. */
export function listLabs(): LabState[] {
  let files: string[];
  try {
    files = readdirSync(registryDir()).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.flatMap((f) => readRegistry(f.slice(0, -5)) ?? []);
}

/** The state of lab `name` (registry first, then `name` as a lab directory or state file); throws LAB_NOT_FOUND. */
export function findLab(name: string): LabState {
  const s = readRegistry(name);
  if (s) return s;
  const known = listLabs().map((l) => l.name);
  throw new LabError(
    'LAB_NOT_FOUND',
    `no lab named "${name}" is up${known.length ? ` (labs: ${known.join(', ')})` : ' (no lab is up)'}`,
  );
}

/** Forgets a lab: removes its registry entry and its state file (the lab directory keeps configs, logs and pcaps). */
export function forgetLab(state: LabState): void {
  rmSync(registryFile(state.name), { force: true });
  rmSync(stateFile(state.labDir), { force: true });
}
