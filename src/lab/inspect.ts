/** `inspect`: everything a script needs about a lab, read live from the runtime. */
import { getRuntime } from './runtime/index.js';
import type { InterfaceInfo } from './runtime/types.js';
import { stateFile, type LabState } from './state.js';

/** One node as `inspect --json` shows it. */
export interface NodeInspect {
  name: string;
  kind: string;
  namespace: string;
  /** argv prefix that runs a command inside the node. */
  exec: string[];
  interfaces: Array<InterfaceInfo & { written?: string; peer?: string }>;
  control?: string;
  log?: string;
  pidFile?: string;
  config?: string;
  /** Router: its management address (SSH on port 22). */
  mgmtIpv4?: string;
  pcaps: string[];
}

/** A lab as `inspect --json` shows it. */
export interface LabInspect {
  name: string;
  runtime: string;
  phase: LabState['phase'];
  topologyFile: string;
  labDir: string;
  stateFile: string;
  createdAt: string;
  nodes: NodeInspect[];
  links: LabState['links'];
  captures: LabState['captures'];
  /** The management network (netns runtime). */
  mgmt?: LabState['mgmt'];
}

/** Reads the lab's live interfaces and addresses and joins them with its state. */
export async function inspectLab(state: LabState): Promise<LabInspect> {
  const runtime = getRuntime(state.runtime);
  const nodes = await Promise.all(
    state.nodes.map(async (n): Promise<NodeInspect> => {
      const live = runtime.exists(n.namespace) ? await runtime.interfaces(n.namespace) : [];
      const interfaces = live.map((i) => {
        const mine = n.interfaces.find((x) => x.name === i.name);
        return mine ? { ...i, written: mine.written, peer: mine.peer } : i;
      });
      const files = Object.fromEntries(
        (['control', 'log', 'pidFile', 'config'] as const).flatMap((k) => (n[k] !== undefined ? [[k, n[k]]] : [])),
      );
      return {
        name: n.name,
        kind: n.kind,
        namespace: n.namespace,
        exec: ['ip', 'netns', 'exec', n.namespace],
        interfaces,
        ...files,
        ...(n.mgmtIpv4 !== undefined ? { mgmtIpv4: n.mgmtIpv4 } : {}),
        pcaps: state.captures.filter((c) => c.node === n.name).map((c) => c.pcap),
      };
    }),
  );
  return {
    name: state.name,
    runtime: state.runtime,
    phase: state.phase,
    topologyFile: state.topologyFile,
    labDir: state.labDir,
    stateFile: stateFile(state.labDir),
    createdAt: state.createdAt,
    nodes,
    links: state.links,
    captures: state.captures,
    ...(state.mgmt ? { mgmt: state.mgmt } : {}),
  };
}
