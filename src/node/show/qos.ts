/**
 * `show policy-map multipoint [TunnelN [NBMA]]` (one block per spoke shaper: "Interface Tunnel0 <--> NBMA",
 * the parent class with its shape, the child classes and their counters, as IOS prints per-tunnel QoS)
 * and `show ip nhrp group-map` (each NHRP group, its policy and the spokes registered with it).
 */
import type { NhrpGroupMapJson, PolicyMapMultipointJson, QosPeerJson } from '../api/schema/qos.js';
import type { RouterConfig } from '../config/model.js';
import { DSCP_NAMES, type QosMatch } from '../config/qos-model.js';
import type { InterfaceState } from './state.js';

const DSCP_BY_VALUE = new Map(Object.entries(DSCP_NAMES).map(([k, v]) => [v, k]));

function matchText(m: QosMatch): string {
  switch (m.kind) {
    case 'any':
      return 'any';
    case 'dscp':
      return `dscp ${m.values.map((v) => `${DSCP_BY_VALUE.get(v) ?? v} (${v})`).join(' ')}`;
    case 'precedence':
      return `ip precedence ${m.values.join(' ')}`;
    case 'protocol':
      return `protocol ${m.protocol}`;
  }
}

/** `show policy-map multipoint` as JSON, optionally one tunnel and one NBMA address. */
export function policyMapMultipointJson(
  config: RouterConfig,
  interfaces: InterfaceState[],
  only?: { interface?: string; nbma?: string },
): PolicyMapMultipointJson {
  const out: PolicyMapMultipointJson['interfaces'] = [];
  for (const i of interfaces) {
    const qos = i.stats?.qos;
    if (!qos || (only?.interface !== undefined && i.config.name !== only.interface)) continue;
    const peers: QosPeerJson[] = [];
    for (const q of qos) {
      if (only?.nbma !== undefined && q.nbma !== only.nbma) continue;
      const s = q.shaper;
      peers.push({
        nbma: q.nbma ?? null,
        tunnel: q.tunnelAddr ?? null,
        group: q.group ?? null,
        policy: s.policy,
        child: s.child ?? null,
        parentClass: s.parentClass,
        shapeBps: s.shapeBps ?? null,
        burstBytes: s.burstBytes,
        queueDepth: s.queueDepth,
        delayedPackets: s.delayedPackets,
        sentPackets: s.sentPackets,
        sentBytes: s.sentBytes,
        classes: s.classes.map((c) => {
          const cm = config.qos?.classMaps[c.name];
          return {
            name: c.name,
            match: cm ? cm.matches.map(matchText) : ['any'],
            matchAll: cm ? cm.matchAll : false,
            priority: c.priority,
            rateBps: c.rateBps,
            packets: c.packets,
            bytes: c.bytes,
            sentPackets: c.sentPackets,
            sentBytes: c.sentBytes,
            queueDepth: c.queueDepth,
            queueLimit: c.queueLimit,
            queueDrops: c.queueDrops,
            policeDrops: c.policeDrops,
          };
        }),
      });
    }
    out.push({ name: i.config.name, peers });
  }
  return { interfaces: out };
}

/** `show policy-map multipoint` text. */
export function policyMapMultipointText(json: PolicyMapMultipointJson): string[] {
  const out: string[] = [];
  for (const i of json.interfaces) {
    for (const p of i.peers) {
      out.push('', `Interface ${i.name} <--> ${p.nbma ?? '(all peers)'}`, '');
      out.push(`  Service-policy output: ${p.policy}`, '');
      const total = p.classes.reduce(
        (a, c) => ({
          packets: a.packets + c.packets,
          bytes: a.bytes + c.bytes,
          drops: a.drops + c.queueDrops + c.policeDrops,
        }),
        { packets: 0, bytes: 0, drops: 0 },
      );
      out.push(`    Class-map: ${p.parentClass} (match-any)`);
      out.push(`      ${total.packets} packets, ${total.bytes} bytes`, '      Match: any', '      Queueing');
      out.push(`      (queue depth/total drops/no-buffer drops) ${p.queueDepth}/${total.drops}/0`);
      out.push(`      (pkts output/bytes output) ${p.sentPackets}/${p.sentBytes}`);
      if (p.shapeBps !== null) {
        out.push(`      shape (average) cir ${p.shapeBps}, bc ${p.burstBytes * 8}, be 0`);
        out.push(`      target shape rate ${p.shapeBps}`, `      (pkts delayed) ${p.delayedPackets}`);
      }
      const indent = p.child !== null ? '        ' : '    ';
      if (p.child !== null) out.push('', `      Service-policy : ${p.child}`);
      for (const c of p.classes) {
        if (p.child === null && c.name === p.parentClass) continue;
        out.push('', `${indent}Class-map: ${c.name} (match-${c.matchAll ? 'all' : 'any'})`);
        out.push(`${indent}  ${c.packets} packets, ${c.bytes} bytes`);
        for (const m of c.match) out.push(`${indent}  Match: ${m}`);
        if (c.priority) {
          out.push(`${indent}  Priority: ${Math.round(c.rateBps / 1000)} kbps, b/w exceed drops: ${c.policeDrops}`);
        } else {
          out.push(`${indent}  Queueing`, `${indent}  queue limit ${c.queueLimit} packets`);
          out.push(
            `${indent}  (queue depth/total drops/no-buffer drops) ${c.queueDepth}/${c.queueDrops + c.policeDrops}/0`,
          );
          if (c.rateBps > 0) out.push(`${indent}  bandwidth ${Math.round(c.rateBps / 1000)} kbps`);
        }
        out.push(`${indent}  (pkts output/bytes output) ${c.sentPackets}/${c.sentBytes}`);
      }
    }
  }
  return out;
}

/** `show ip nhrp group-map` as JSON. */
export function nhrpGroupMapJson(interfaces: InterfaceState[]): NhrpGroupMapJson {
  const out: NhrpGroupMapJson['interfaces'] = [];
  for (const i of interfaces) {
    const maps = i.config.nhrp?.groupPolicies ?? [];
    if (maps.length === 0) continue;
    const registered = (i.snapshot?.cache ?? []).filter(
      (e) => e.group !== undefined && e.nbma !== '' && e.flags.includes('registered'),
    );
    out.push({
      name: i.config.name,
      groups: maps.map((g) => ({
        group: g.group,
        policy: g.policy,
        endpoints: registered
          .filter((e) => e.group === g.group)
          .map((e) => ({ nbma: e.nbma, tunnel: e.protocol }))
          .sort((a, b) => a.nbma.localeCompare(b.nbma, 'en', { numeric: true })),
      })),
    });
  }
  return { interfaces: out };
}

/** `show ip nhrp group-map` text, as IOS prints it. */
export function nhrpGroupMapText(json: NhrpGroupMapJson): string[] {
  const out: string[] = [];
  for (const i of json.interfaces) {
    out.push(`Interface: ${i.name}`);
    for (const g of i.groups) {
      out.push(` NHRP group: ${g.group}`, `  QoS policy: ${g.policy}`, '  Transport endpoints using the qos policy:');
      for (const e of g.endpoints) out.push(`    ${e.nbma}`);
      out.push('');
    }
  }
  return out;
}

/** The NHRP group of a peer and the policy its traffic gets (`show dmvpn detail`). */
export function peerGroup(i: InterfaceState, nbma: string | null): { group: string; policy: string | null } | null {
  if (nbma === null) return null;
  const e = (i.snapshot?.cache ?? []).find((x) => x.nbma === nbma && x.group !== undefined);
  if (!e?.group) return null;
  const policy = i.config.nhrp?.groupPolicies?.find((g) => g.group === e.group)?.policy ?? null;
  return { group: e.group, policy };
}
