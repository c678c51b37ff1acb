/**
 * `check --explain`: what the checks will infer from each router's configuration, and from which line
 * (file:line). A pure function over the configuration texts (`explainConfigs`) and a printer
 * (`explainText`). It only locates the lines the inference comes from; the checks themselves read the
 * router's own reading of its configuration (`show running-config json`).
 */

/** One router's configuration: its node, the file its lines are cited in, and that file's line of line 1. */
export interface ExplainInput {
  node: string;
  file: string;
  /** Line of `file` holding the configuration's line 1 (1 for a .cfg file). */
  firstLine?: number;
  text: string;
}

/** The check an inference feeds. */
export type ExplainTopic = 'registration' | 'adjacency' | 'phase' | 'multicast' | 'qos' | 'failover' | 'ipsec';

/** The topics in the order `explainText` prints them. */
const TOPICS: readonly ExplainTopic[] = ['registration', 'adjacency', 'phase', 'multicast', 'qos', 'failover', 'ipsec'];

/** One inference: what a line implies, and where the line is. */
export interface Inference {
  topic: ExplainTopic;
  node: string;
  file: string;
  line: number;
  text: string;
  implies: string;
}

const ROUTER = /^router (ospf|eigrp|rip|bgp|ospfv3)\b\s*(\S*)/;

/** The inferences of every router's configuration, in file order per router. */
export function explainConfigs(configs: ExplainInput[]): Inference[] {
  const out: Inference[] = [];
  for (const c of configs) {
    let iface: string | undefined;
    let router: string | undefined;
    let nhsCount = 0;
    const lines = c.text.split(/\r?\n/);
    lines.forEach((raw, i) => {
      const at = (topic: ExplainTopic, implies: string) =>
        out.push({ topic, node: c.node, file: c.file, line: (c.firstLine ?? 1) + i, text: raw.trim(), implies });
      if (!/^\s/.test(raw)) {
        iface = /^interface (\S+)/.exec(raw)?.[1];
        nhsCount = 0;
        if (raw.trim() === 'ip multicast-routing')
          at('multicast', 'multicast routing on: PIM over the tunnel, the hub replicates to the spokes');
        else if (/^ip pim rp-address \S+/.test(raw))
          at('multicast', `the rendezvous point is ${raw.trim().split(/\s+/)[3]}: sparse-mode groups meet there`);
        const r = ROUTER.exec(raw);
        router = r ? r[1] : undefined;
        if (r) at('adjacency', `a ${r[1].toUpperCase()} process: adjacencies over the tunnel, learned prefixes`);
        return;
      }
      const w = raw.trim().split(/\s+/);
      const tunnel = iface !== undefined && /^tu/i.test(iface);
      if (tunnel) {
        const l = raw.trim();
        if (l === 'shutdown') at('registration', `${iface} is shut down: its registrations are skipped`);
        else if (w[0] === 'ip' && w[1] === 'nhrp' && w[2] === 'nhs') {
          nhsCount += 1;
          at('registration', `${c.node} registers with the NHS ${w[3]}${w[4] === 'nbma' ? ` (NBMA ${w[5]})` : ''}`);
          if (nhsCount === 2) at('failover', 'a second NHS: the failover check (one hub down, the other serves)');
        } else if (w[0] === 'ip' && w[1] === 'nhrp' && w[2] === 'map' && w[3] !== 'multicast' && w[3] !== 'group') {
          at('registration', `the NBMA address of ${w[3]} is ${w[4]} (a static mapping: the NHS or a peer)`);
        } else if (w[0] === 'ipv6' && w[1] === 'nhrp' && w[2] === 'nhs') {
          at(
            'registration',
            `${c.node} registers over IPv6 with the NHS ${w[3]}${w[4] === 'nbma' ? ` (NBMA ${w[5]})` : ''}`,
          );
        } else if (l === 'ipv6 nhrp redirect') at('phase', 'the hub sends IPv6 Traffic Indications: IPv6 Phase 3');
        else if (l === 'ipv6 nhrp shortcut') at('phase', 'the spoke installs IPv6 shortcut routes: IPv6 Phase 3');
        else if (w[0] === 'ip' && w[1] === 'pim' && /mode$/.test(w[2] ?? ''))
          at('multicast', `PIM ${w[2]} on ${iface}: a multicast stream from one spoke's LAN reaches the others`);
        else if (w[0] === 'ip' && w[1] === 'nhrp' && w[2] === 'group' && w[3] !== undefined)
          at('qos', `${c.node} registers in NHRP group ${w[3]}: its hub shapes it by that group's policy`);
        else if (w[0] === 'ip' && w[1] === 'nhrp' && w[2] === 'map' && w[3] === 'group' && w.includes('service-policy'))
          at('qos', `spokes of group ${w[4]} are shaped by ${w.at(-1)} (per-spoke QoS)`);
        else if (l === 'ip nhrp redirect') at('phase', 'the hub sends Traffic Indications: Phase 3');
        else if (l === 'ip nhrp shortcut') at('phase', 'the spoke installs shortcut routes: Phase 3');
        else if (l === 'tunnel mode gre multipoint') at('phase', 'mGRE: spoke-to-spoke tunnels (Phase 2 or 3)');
        else if (w[0] === 'tunnel' && w[1] === 'destination') at('phase', `point-to-point GRE to ${w[2]}: Phase 1`);
        else if (w[0] === 'tunnel' && w[1] === 'protection')
          at('ipsec', `the tunnel is protected (profile ${w.at(-1)}): the ipsec check`);
        else if (w[0] === 'ip' && w[1] === 'ospf' && /^\d+$/.test(w[2] ?? '') && w[3] === 'area')
          at('adjacency', `OSPF on ${iface} (area ${w[4]}): an adjacency over the tunnel`);
      }
      if (router === 'eigrp' && w[0] === 'add-paths')
        at('adjacency', `EIGRP advertises up to ${w[1]} equal-cost paths per prefix with their next hops (add-paths)`);
      if (router !== undefined && (w[0] === 'network' || (w[0] === 'neighbor' && w[2] === 'remote-as')))
        at(
          'adjacency',
          w[0] === 'network'
            ? `${router.toUpperCase()} runs on (or advertises) ${w.slice(1).join(' ')}`
            : `a BGP session with ${w[1]} (AS ${w[3]})`,
        );
    });
  }
  return out;
}

/** The inferences as text, grouped by topic. */
export function explainText(inferences: Inference[]): string {
  const out: string[] = [];
  for (const t of TOPICS) {
    const mine = inferences.filter((x) => x.topic === t);
    out.push(`${t}: ${mine.length === 0 ? 'nothing inferred' : ''}`.trimEnd());
    for (const x of mine)
      out.push(`  ${x.node.padEnd(8)} ${`${x.file}:${x.line}`.padEnd(32)} ${x.text}  → ${x.implies}`);
  }
  return `${out.join('\n')}\n`;
}
