/**
 * Diagnosis by layer of a failed item, for each spoke it involves and that spoke's hub: underlay
 * (NBMA ping), IKE/IPsec (protection on both sides, a pre-shared key in common), GRE (tunnel key,
 * shutdown, destination), NHRP (authentication, network-id, NHS address, registration state),
 * routing (a route to the other side's LANs through the tunnel, and the configuration mistake that keeps
 * it away: checks/routing-blocking.ts), phase (redirect, shortcut). The
 * first broken layer is named, with the evidence and the IOS command a student runs to see it.
 * Reuses the configuration findings of checks/diagnose.ts.
 */
import { inPrefix } from '../../wire/ipv4-addr.js';
import type { Evidence } from '../checks/model.js';
import type { Runtime } from '../runtime/types.js';
import { phase3Problems, preSharedKeys, spokeHubProblems } from '../checks/diagnose.js';
import { readNhs, readRoutes } from '../checks/routers.js';
import { routingBlockingProblems } from '../checks/routing-blocking.js';
import { hubByAddress, type LabView, type RouterView } from '../checks/view.js';

/** The layers, bottom up. */
export const LAYERS = ['underlay', 'ipsec', 'gre', 'nhrp', 'routing', 'phase'] as const;
export type Layer = (typeof LAYERS)[number];

/** What one layer looks like for a pair of routers. */
export interface LayerFinding {
  layer: Layer;
  ok: boolean;
  evidence: string;
  /** The IOS command that shows it. */
  command: string;
  /** What the grade's captures show of it, for the first broken layer: a sentence citing frames, and the frames. */
  capture?: { text: string; frames: Evidence[] };
  /** The show lines that decided it (routing: each side's neighbor line). */
  shown?: string[];
}

/** The diagnosis of one pair: each layer looked at, bottom up, and the first broken one. */
export interface Diagnosis {
  pair: [string, string];
  broken?: Layer;
  findings: LayerFinding[];
}

/** The routers an item's nodes stand for: a router itself, a host its router. */
export function routersOf(view: LabView, nodes: string[]): RouterView[] {
  const out: RouterView[] = [];
  for (const n of nodes) {
    const r = view.routers.find((x) => x.name === n) ?? view.routers.find((x) => x.name === hostRouter(view, n));
    if (r && !out.includes(r)) out.push(r);
  }
  return out;
}

function hostRouter(view: LabView, host: string): string | undefined {
  return view.hosts.find((h) => h.name === host)?.router;
}

/** The hub a spoke registers with: its first NHS that is a hub, else the first hub. */
function hubOf(view: LabView, spoke: RouterView): RouterView | undefined {
  for (const n of spoke.tunnel?.nhs ?? []) {
    const h = hubByAddress(view, n.protocol);
    if (h) return h;
  }
  return view.hubs[0];
}

const pick = (problems: string[], re: RegExp) => problems.filter((p) => re.test(p));

/**
 * Looks at each layer between `spoke` and its hub (`toHub` when the item names one, else the hub it
 * registers with; for routing, toward `others`' LANs).
 */
export async function diagnosePair(
  view: LabView,
  runtime: Runtime,
  spoke: RouterView,
  others: RouterView[],
  wantPhase3: boolean,
  toHub?: RouterView,
): Promise<Diagnosis> {
  const hub = toHub ?? hubOf(view, spoke);
  const tunnel = spoke.tunnel?.name ?? 'Tunnel0';
  const findings: LayerFinding[] = [];
  if (!hub) return { pair: [spoke.name, '?'], broken: 'nhrp', findings: [nhsFinding(`${spoke.name} has no NHS`)] };
  // underlay
  const dst = hub.nat?.outside ?? hub.nbma;
  if (dst === undefined) {
    findings.push({
      layer: 'underlay',
      ok: false,
      evidence: `${hub.name} has no NBMA address`,
      command: 'show ip interface brief',
    });
  } else {
    const r = await runtime
      .exec(spoke.namespace, ['ping', '-c', '1', '-W', '1', dst], { timeoutMs: 3000 })
      .catch((e: Error) => ({ exitCode: 1, stdout: '', stderr: e.message }));
    const line = `${r.stdout ?? ''}`.split('\n').find((l) => /packets transmitted/.test(l)) ?? 'no answer';
    findings.push({
      layer: 'underlay',
      ok: r.exitCode === 0,
      evidence: `${spoke.name} → ${hub.name} NBMA ${dst}: ${line.trim()}`,
      command: spoke.nbma ? `ping ${dst} source ${spoke.nbma}` : `ping ${dst}`,
    });
  }
  // IKE/IPsec
  const ps = spokeConfigTunnel(spoke)?.protection?.profile;
  const ph = spokeConfigTunnel(hub)?.protection?.profile;
  const [ks, kh] = [preSharedKeys(spoke), preSharedKeys(hub)];
  const noCommonKey = ps !== undefined && ph !== undefined && ks.length > 0 && !ks.some((k) => kh.includes(k));
  findings.push({
    layer: 'ipsec',
    ok: (ps === undefined) === (ph === undefined) && !noCommonKey,
    evidence:
      ps === undefined && ph === undefined
        ? 'no tunnel protection on either side'
        : noCommonKey
          ? `pre-shared keys differ: ${spoke.name} has ${quoted(ks)}, ${hub.name} has ${quoted(kh) || 'none'}`
          : `tunnel protection: ${spoke.name} ${ps ?? 'none'}, ${hub.name} ${ph ?? 'none'}`,
    command: noCommonKey ? 'show crypto ikev2 sa / show crypto isakmp sa' : 'show crypto ipsec sa',
  });
  // GRE
  const nhsOfHub = spoke.tunnel?.nhs.find((n) => n.protocol === hub.tunnelAddress) ?? spoke.tunnel?.nhs[0];
  const problems = spokeHubProblems(view, spoke, nhsOfHub ?? { protocol: hub.tunnelAddress ?? '' });
  const gre = pick(problems, /tunnel key|shut down/);
  const own = Object.values(spoke.config.interfaces).find((i) => i.tunnel !== undefined)?.tunnel;
  if (!own) gre.push(`${spoke.name} has no tunnel interface with "tunnel source" and a mode`);
  else if (own.source === undefined) gre.push(`${spoke.name}'s tunnel has no "tunnel source"`);
  else if (own.mode === 'gre-p2p' && own.destination === undefined)
    gre.push(`${spoke.name}'s point-to-point tunnel has no "tunnel destination"`);
  const d = spoke.tunnel?.destination;
  if (d !== undefined && d !== dst && d !== hub.nbma)
    gre.push(`${spoke.name}'s "tunnel destination ${d}" is not ${hub.name}'s NBMA address ${hub.nbma}`);
  findings.push({
    layer: 'gre',
    ok: gre.length === 0,
    evidence: gre.join('; ') || `key ${spoke.tunnel?.key ?? 'none'} on both, both tunnels up`,
    command: `show interfaces ${tunnel}`,
  });
  // NHRP
  const nhrp = pick(problems, /authentication|NHS|NBMA|no hub/);
  if (spoke.tunnel?.networkId === undefined) nhrp.push(`${spoke.name} has no "ip nhrp network-id"`);
  if ((spoke.tunnel?.nhs ?? []).length === 0) nhrp.push(`${spoke.name} has no "ip nhrp nhs"`);
  const nhs = await readNhs(spoke.control).catch(() => []);
  const up = nhs.filter((n) => n.up && (toHub === undefined || n.address === toHub.tunnelAddress));
  if (nhrp.length === 0 && up.length === 0)
    nhrp.push(
      `${spoke.name} is not registered: ${nhs.map((n) => `NHS ${n.address} ${n.state}`).join(', ') || 'no NHS'}`,
    );
  findings.push(
    nhrp.length === 0
      ? { ...nhsFinding(`${spoke.name} registered with ${up.map((n) => n.address).join(', ')}`), ok: true }
      : nhsFinding(nhrp.join('; ')),
  );
  // routing
  // Only a route through the tunnel reaches another branch: the Internet default route does not.
  const table = await readRoutes(spoke.control).catch(() => []);
  const tunnelHop = (hop: string | null) =>
    hop !== null &&
    table.some((c) => c.interface === tunnel && c.code === 'C' && inPrefix(hop, c.prefix, c.prefixLength));
  const routes = table.filter((r) => r.interface === tunnel || (r.interface === null && tunnelHop(r.nextHop)));
  const missing = others
    .flatMap((o) => o.lans.map((l) => ({ o, l })))
    .filter(
      ({ l }) => !routes.some((r) => r.prefixLength <= l.prefixLength && inPrefix(l.address, r.prefix, r.prefixLength)),
    );
  // the configuration mistakes that keep those routes away, when the configs show them
  const why = [
    ...new Set(
      missing.flatMap(({ l }) => routingBlockingProblems(view, { kind: 'reach', from: spoke.name, to: l.address })),
    ),
  ];
  findings.push({
    layer: 'routing',
    ok: missing.length === 0,
    evidence:
      missing.length === 0
        ? `${spoke.name} has routes to ${others.map((o) => o.name).join(', ') || 'no other router'}'s LANs`
        : `${spoke.name} has no route through ${tunnel} to ${missing.map(lanOf).join(', ')}` +
          (why.length > 0 ? ` (${why.join('; ')})` : ''),
    command: 'show ip route',
  });
  // phase
  if (wantPhase3) {
    const p3 = phase3Problems(view, [spoke, ...others.filter((o) => o.role === 'spoke')]);
    findings.push({
      layer: 'phase',
      ok: p3.length === 0,
      evidence: p3.join('; ') || 'redirect on the hub, shortcut on the spokes',
      command: 'show ip nhrp shortcut',
    });
  }
  const broken = findings.find((f) => !f.ok)?.layer;
  return { pair: [spoke.name, hub.name], ...(broken ? { broken } : {}), findings };
}

function nhsFinding(evidence: string): LayerFinding {
  return { layer: 'nhrp', ok: false, evidence, command: 'show ip nhrp nhs detail' };
}

const quoted = (keys: string[]) => keys.map((k) => `"${k}"`).join(', ');
const lanOf = (m: { o: RouterView; l: { address: string; prefixLength: number } }) =>
  `${m.o.name}'s LAN ${m.l.address}/${m.l.prefixLength}`;

function spokeConfigTunnel(r: RouterView) {
  return r.tunnel ? r.config.interfaces[r.tunnel.name]?.tunnel : undefined;
}

/**
 * The diagnosis of a failed item that concerns `nodes`: each spoke involved against its hub; the
 * first that has a broken layer, else the first.
 */
export async function diagnoseNodes(
  view: LabView,
  runtime: Runtime,
  nodes: string[],
  wantPhase3: boolean,
): Promise<Diagnosis | undefined> {
  const routers = routersOf(view, nodes);
  const spokes = routers.filter((r) => r.role !== 'hub');
  const hubs = routers.filter((r) => r.role === 'hub');
  const targets = spokes.length > 0 ? spokes : view.spokes;
  const out: Diagnosis[] = [];
  for (const s of targets) {
    const others = routers.filter((r) => r !== s && r.role !== 'hub');
    out.push(await diagnosePair(view, runtime, s, others, wantPhase3, hubs.length === 1 ? hubs[0] : undefined));
  }
  return out.find((d) => d.broken) ?? out[0];
}
