/**
 * Link faults: `down` takes both ends of a link's veth pair administratively down (carrier lost, as
 * a pulled cable); `silent` keeps the link up but drops every packet on it (faults/silence.ts), as a
 * provider that black-holes. Both are undone by `up` / `restore`, and recorded in the event log.
 */
import { parseTarget } from '../capture.js';
import { LabError } from '../errors.js';
import { getRuntime } from '../runtime/index.js';
import type { LabState, NodeState } from '../state.js';
import { recorded, type FaultAction } from './events.js';
import { setSilent } from './silence.js';

/** One end of a link, resolved. */
export interface LinkEnd {
  node: NodeState;
  /** Linux name inside the node. */
  iface: string;
  /** As written in the topology (`node:iface`). */
  written: string;
}

/** A link of the lab: its two ends and its name (`node:iface node:iface`, in topology order). */
export interface ResolvedLink {
  name: string;
  a: LinkEnd;
  b: LinkEnd;
}

/** What a link fault did. */
export interface LinkFaultResult {
  link: string;
  action: FaultAction;
  message: string;
  ms: number;
}

function end(state: LabState, written: string): LinkEnd {
  const [node = '', iface = ''] = written.split(':');
  const n = state.nodes.find((x) => x.name === node)!;
  return { node: n, iface: n.interfaces.find((i) => i.written === iface)?.name ?? iface, written };
}

/**
 * The link with end `spec` (`node:iface`, IOS names allowed on routers); `other`, when given, must be
 * its far end. Throws BAD_ARGUMENT / NODE_NOT_FOUND.
 */
export function resolveLink(state: LabState, spec: string, other?: string): ResolvedLink {
  if (!spec.includes(':')) {
    throw new LabError('BAD_ARGUMENT', `"${spec}": name a link by one of its ends, NODE:IFACE (e.g. hub1:Gi0/1)`);
  }
  const t = parseTarget(state, spec);
  const n = state.nodes.find((x) => x.name === t.node)!;
  const written = `${t.node}:${n.interfaces.find((i) => i.name === t.iface)?.written ?? t.iface}`;
  const link = state.links.find((l) => l.a === written || l.b === written);
  if (!link) {
    const hint = t.iface.startsWith('tun') ? " (a tunnel is not a link: take the router's Internet link instead)" : '';
    throw new LabError('BAD_ARGUMENT', `"${spec}" is not the end of a link in lab ${state.name}${hint}`);
  }
  const r: ResolvedLink = { name: `${link.a} ${link.b}`, a: end(state, link.a), b: end(state, link.b) };
  if (other !== undefined) {
    const o = parseTarget(state, other);
    const far = r.a.written === written ? r.b : r.a;
    if (o.node !== far.node.name || o.iface !== far.iface) {
      throw new LabError('BAD_ARGUMENT', `${written} is linked to ${far.written}, not to ${other}`);
    }
  }
  return r;
}

async function setAdmin(state: LabState, e: LinkEnd, up: boolean): Promise<void> {
  const how = up ? 'up' : 'down';
  const argv = ['ip', 'link', 'set', 'dev', e.iface, how];
  const r = await getRuntime(state.runtime).exec(e.node.namespace, argv, { timeoutMs: 30_000 });
  if (r.exitCode !== 0) {
    const why = r.stderr.trim() || `exit ${r.exitCode}`;
    throw new LabError('COMMAND_FAILED', `ip link set ${e.iface} ${how} in ${e.node.name}: ${why}`);
  }
}

/** Takes both ends of the link down (`up` false) or up again; records it. */
export async function setLinkAdmin(state: LabState, link: ResolvedLink, up: boolean): Promise<LinkFaultResult> {
  const action = up ? 'link-up' : 'link-down';
  const r = await recorded(state, action, link.name, async () => {
    await Promise.all([setAdmin(state, link.a, up), setAdmin(state, link.b, up)]);
    return { message: `${link.a.written} and ${link.b.written} ${up ? 'up' : 'administratively down'}` };
  });
  return { link: link.name, action, ...r };
}

/**
 * Makes the link silent (every packet dropped, the link stays up) on node `at`'s side (the far side
 * when `at` is a switch: bridge ports bypass iptables), or lets it carry again; records it.
 */
export async function setLinkSilent(
  state: LabState,
  link: ResolvedLink,
  at: string,
  silent: boolean,
): Promise<LinkFaultResult> {
  const action = silent ? 'link-silent' : 'link-restore';
  const r = await recorded(state, action, link.name, async () => {
    const runtime = getRuntime(state.runtime);
    const ends = [link.a, link.b].filter((e) => e.node.kind !== 'switch');
    if (ends.length === 0) {
      throw new LabError('BAD_ARGUMENT', `${link.name} joins two switches: it cannot be silenced (take it down)`);
    }
    if (!silent) {
      await Promise.all(ends.map((e) => setSilent(runtime, e.node.namespace, e.iface, state.name, false)));
      return { message: `${link.name} carries traffic again` };
    }
    const e = ends.find((x) => x.node.name === at) ?? ends[0]!;
    await setSilent(runtime, e.node.namespace, e.iface, state.name, true);
    return { message: `${link.name} silent: ${e.written} drops every packet in and out; the link stays up` };
  });
  return { link: link.name, action, ...r };
}
