/** The runtime interface (containerlab style, kept small): how nodes and links come to exist and go away. */
import type { LabPlan } from '../plan.js';
import type { Progress } from '../progress.js';
import type { RunResult } from '../sh.js';
import type { LabState } from '../state.js';

/** Files of a detached process: its output, its pid, and (optionally) where its exit status is written. */
export interface SpawnFiles {
  log: string;
  pidFile: string;
  exitFile?: string;
  env?: Record<string, string>;
}

/** One interface as the kernel sees it inside a node. */
export interface InterfaceInfo {
  name: string;
  state: string;
  mac: string;
  addresses: string[];
  alias?: string;
}

/** A runtime: creates and destroys a lab's nodes and links, runs commands and processes in a node. */
export interface Runtime {
  readonly name: string;
  /** Creates every node and link of `plan` and applies each node's setup. */
  create(plan: LabPlan, progress: Progress): Promise<void>;
  /** Removes every process, node and link `state` names; safe on a half-made lab and when repeated. */
  destroy(state: LabState, progress: Progress): Promise<void>;
  /** Runs a command inside a node; `inherit` connects it to this terminal. */
  exec(namespace: string, argv: string[], opts?: { inherit?: boolean; timeoutMs?: number }): Promise<RunResult>;
  /** Starts a detached process inside a node (it outlives this one); returns its pid, also written to the pid file. */
  spawn(namespace: string, argv: string[], files: SpawnFiles): number;
  /** Pids of every process inside a node. */
  processes(namespace: string): Promise<number[]>;
  /** True while the node exists. */
  exists(namespace: string): boolean;
  /** The node's interfaces and addresses. */
  interfaces(namespace: string): Promise<InterfaceInfo[]>;
  /** The command line that runs dmvpnd inside a node, for runtimes whose nodes bring their own (an image); absent: the host's. */
  routerCommand?(): string[];
}
