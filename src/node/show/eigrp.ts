/**
 * `show ip|ipv6 eigrp neighbors|topology|interfaces|traffic` and the EIGRP part of `show ip protocols`:
 * JSON from the engine's snapshot, IOS text rendered by src/eigrp/show from the same snapshot.
 */
import { eigrpFamily, type EigrpConfig, type EigrpSnapshot } from '../../eigrp/index.js';
import { renderInterfaces, renderNeighbors, renderTopology, renderTraffic } from '../../eigrp/show/index.js';
import type {
  EigrpInterfacesJson,
  EigrpNeighborsJson,
  EigrpTopologyJson,
  EigrpTrafficJson,
  EigrpProtocolJson,
} from '../api/schema/eigrp.js';

/** What the EIGRP shows read: the engine's snapshot and its configuration. */
export interface EigrpView {
  snapshot: EigrpSnapshot;
  config: EigrpConfig;
}

export function eigrpNeighborsJson(v: EigrpView | undefined): EigrpNeighborsJson {
  return { as: v?.snapshot.as ?? null, routerId: v?.snapshot.routerId ?? null, neighbors: v?.snapshot.neighbors ?? [] };
}

export function eigrpTopologyJson(v: EigrpView | undefined): EigrpTopologyJson {
  return { as: v?.snapshot.as ?? null, routerId: v?.snapshot.routerId ?? null, topology: v?.snapshot.topology ?? [] };
}

export function eigrpInterfacesJson(v: EigrpView | undefined): EigrpInterfacesJson {
  return { as: v?.snapshot.as ?? null, interfaces: v?.snapshot.interfaces ?? [] };
}

export function eigrpTrafficJson(v: EigrpView | undefined): EigrpTrafficJson {
  return { as: v?.snapshot.as ?? null, traffic: v?.snapshot.traffic ?? null };
}

/** IOS text of one of the four; nothing without a process (as IOS prints nothing). */
export function eigrpText(
  what: 'neighbors' | 'topology' | 'interfaces' | 'traffic',
  v: EigrpView | undefined,
  allLinks: boolean,
): string {
  if (!v) return '';
  const s = v.snapshot;
  const tag = eigrpFamily(v.config.family).tag;
  if (what === 'neighbors') return renderNeighbors(s, tag);
  if (what === 'topology') return renderTopology(s, { allLinks, tag });
  if (what === 'interfaces') return renderInterfaces(s, tag);
  return renderTraffic(s, tag);
}

/** The EIGRP process as `show ip protocols` lists it (none without a process). */
export function eigrpProtocols(v: EigrpView | undefined): EigrpProtocolJson[] {
  if (!v) return [];
  const c = v.config;
  return [
    {
      protocol: 'eigrp',
      as: c.as,
      routerId: v.snapshot.routerId,
      kValues: [...c.kValues],
      variance: c.variance,
      maximumPaths: c.maximumPaths,
      ...(c.stub
        ? {
            stub: Object.entries(c.stub)
              .filter(([, on]) => on)
              .map(([k]) => k),
          }
        : {}),
      networks: c.networks.map((n) => (n.wildcard !== undefined ? `${n.address}/${n.wildcard}` : n.address)),
      passiveInterfaces: c.interfaces.filter((i) => i.enabled && i.passive).map((i) => i.name),
      redistribute: Object.keys(c.redistribute),
      sources: v.snapshot.neighbors
        .filter((n) => n.up)
        .map((n) => ({ gateway: n.address, distance: 90, uptime: n.uptime })),
    },
  ];
}

/** `show ip protocols`, IOS 15 layout: the lines of one EIGRP process. */
export function eigrpProtocolText(p: EigrpProtocolJson): string[] {
  const out: string[] = [];
  const k = p.kValues;
  out.push(
    `Routing Protocol is "eigrp ${p.as}"`,
    '  Outgoing update filter list for all interfaces is not set',
    '  Incoming update filter list for all interfaces is not set',
    '  Default networks flagged in outgoing updates',
    '  Default networks accepted from incoming updates',
    ...p.redistribute.map((r) => `  Redistributing: ${r}`),
    `  EIGRP-IPv4 Protocol for AS(${p.as})`,
    `    Metric weight K1=${k[0]}, K2=${k[1]}, K3=${k[2]}, K4=${k[3]}, K5=${k[4]}`,
    '    Soft SIA disabled',
    '    NSF-aware route hold timer is 240',
    `    Router-ID: ${p.routerId}`,
    ...(p.stub ? [`    Stub, ${p.stub.join(', ')}`] : []),
    '    Topology : 0 (base)',
    '      Active Timer: 3 min',
    '      Distance: internal 90 external 170',
    `      Maximum path: ${p.maximumPaths}`,
    '      Maximum hopcount 100',
    `      Maximum metric variance ${p.variance}`,
    '',
    '  Automatic Summarization: disabled',
    `  Maximum path: ${p.maximumPaths}`,
    '  Routing for Networks:',
    ...p.networks.map((n) => `    ${n}`),
  );
  if (p.passiveInterfaces.length > 0)
    out.push('  Passive Interface(s):', ...p.passiveInterfaces.map((i) => `    ${i}`));
  out.push('  Routing Information Sources:', '    Gateway         Distance      Last Update');
  for (const s of p.sources)
    out.push(`    ${s.gateway.padEnd(15)} ${String(s.distance).padStart(8)}      ${hms(s.uptime)}`);
  out.push('  Distance: internal 90 external 170', '');
  return out;
}

function hms(sec: number): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(Math.floor(sec / 3600))}:${p(Math.floor(sec / 60) % 60)}:${p(sec % 60)}`;
}
