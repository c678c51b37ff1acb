/** `show dmvpn`: NHRP peers per tunnel in the IOS 15 layout, and its JSON form. */
import { byAddress, iosTime, left, nbmaText, right } from './format.js';
import type { EntryView, InterfaceState, NhrpView } from './state.js';
import type { DmvpnInterfaceJson, DmvpnJson, DmvpnPeerJson, DmvpnTargetJson } from '../api/schema/dmvpn.js';

export type { DmvpnInterfaceJson, DmvpnJson, DmvpnPeerJson, DmvpnTargetJson };

/** The legend IOS prints above `show dmvpn` and `show dmvpn detail`. */
export const DMVPN_LEGEND = [
  'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
  '        N - NATed, L - Local, X - No Socket',
  '        T1 - Route Installed, T2 - Nexthop-override',
  '        C - CTS Capable, I2 - Temporary',
  '        # Ent --> Number of NHRP entries with same NBMA peer',
  '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
  '        UpDn Time --> Up or Down Time for a Tunnel',
  '='.repeat(74),
];

/** IOS attribute letters of one entry: S/D/I, then N (NAT), L (local), T1 (route installed). */
export function entryAttributes(e: EntryView): string[] {
  const out = [e.type === 'static' ? 'S' : e.type === 'dynamic' ? 'D' : 'I'];
  if (e.flags.includes('nat')) out.push('N');
  if (e.flags.includes('local')) out.push('L');
  if (e.flags.includes('rib')) out.push('T1');
  return out;
}

/** `hub` when the router is an NHS, `spoke` when it registers, `hub-spoke` when both. */
export function dmvpnType(s: NhrpView): DmvpnInterfaceJson['type'] {
  if (s.interface.isNhs) return s.nhs.length > 0 ? 'hub-spoke' : 'hub';
  return 'spoke';
}

/** Peers of one snapshot: entries grouped by NBMA address, in the engine's peer order; incomplete entries alone. */
export function dmvpnPeers(s: NhrpView): DmvpnPeerJson[] {
  const out: DmvpnPeerJson[] = [];
  const known = new Map(s.peers.map((p) => [p.nbma, p]));
  const groups = new Map<string, EntryView[]>();
  for (const e of s.cache) {
    if (e.nbma === '') continue;
    groups.set(e.nbma, [...(groups.get(e.nbma) ?? []), e]);
  }
  const order = [...s.peers.map((p) => p.nbma), ...[...groups.keys()].filter((n) => !known.has(n))];
  for (const nbma of order) {
    const entries = groups.get(nbma);
    if (!entries) continue;
    entries.sort(
      (a, b) => Number(b.protocol === b.via) - Number(a.protocol === a.via) || byAddress(asAddr(a), asAddr(b)),
    );
    const peer = known.get(nbma);
    const state = peer?.state ?? 'NHRP';
    const peerSec = peer?.upDownSec ?? Math.min(...entries.map((e) => e.ageSec));
    const targets = entries.map(
      (e): DmvpnTargetJson => ({
        network: `${e.protocol}/${e.prefixLength}`,
        tunnel: e.via,
        type: e.type,
        state,
        upDownSec: e.type === 'static' ? peerSec : Math.min(e.ageSec, peerSec),
        attributes: entryAttributes(e),
      }),
    );
    const attributes = [...new Set(targets.flatMap((t) => t.attributes))];
    out.push({ nbma, tunnel: entries[0].via, state, upDownSec: peerSec, attributes, entries: entries.length, targets });
  }
  for (const e of s.cache) {
    if (e.nbma !== '') continue;
    const t: DmvpnTargetJson = {
      network: `${e.protocol}/${e.prefixLength}`,
      tunnel: e.via,
      type: e.type,
      state: 'NHRP',
      upDownSec: null,
      attributes: entryAttributes(e),
    };
    out.push({
      nbma: null,
      tunnel: e.via,
      state: 'NHRP',
      upDownSec: null,
      attributes: t.attributes,
      entries: 1,
      targets: [t],
    });
  }
  return out;
}

function asAddr(e: EntryView): { address: string; prefixLength: number } {
  return { address: e.protocol, prefixLength: e.prefixLength };
}

/** The JSON form of `show dmvpn`: tunnels with NHRP only. */
export function dmvpnJson(interfaces: InterfaceState[]): DmvpnJson {
  return {
    interfaces: interfaces.flatMap((i) => {
      const s = i.snapshot;
      if (!s) return [];
      const peers = dmvpnPeers(s);
      return [
        { name: i.config.name, type: dmvpnType(s), nhrpPeers: peers.filter((p) => p.nbma !== null).length, peers },
      ];
    }),
  };
}

/** IOS text of the Type line: `Spoke`, `Hub`, `Hub/Spoke`. */
export function typeText(t: DmvpnInterfaceJson['type']): string {
  return t === 'hub' ? 'Hub' : t === 'spoke' ? 'Spoke' : 'Hub/Spoke';
}

/** The peer rows, `entWidth` wide in the `# Ent` column; `extra` adds a last column (detail's Target Network). */
export function peerRows(peers: DmvpnPeerJson[], entWidth: number, extra?: (t: DmvpnTargetJson) => string): string[] {
  const out: string[] = [];
  for (const p of peers) {
    // an IPv6 NBMA (IOS: upper case) too wide for its column goes on a line of its own
    const text = p.nbma === null ? 'UNKNOWN' : nbmaText(p.nbma);
    const own = text.length > 15;
    if (own) out.push(`${right(p.entries, entWidth)} ${text}`);
    p.targets.forEach((t, i) => {
      const first = i === 0 && !own;
      const ent = first ? right(p.entries, entWidth) : ' '.repeat(entWidth);
      const nbma = first ? left(text, 15) : ' '.repeat(15);
      const time = t.upDownSec === null ? 'never' : iosTime(t.upDownSec);
      const row = `${ent} ${nbma} ${right(t.tunnel, 15)} ${right(t.state, 5)} ${right(time, 8)} ${right(t.attributes.join(''), 5)}`;
      out.push(extra ? `${row} ${extra(t)}` : row);
    });
  }
  return out;
}

/** `show dmvpn` text. */
export function dmvpnText(json: DmvpnJson): string[] {
  const out = [...DMVPN_LEGEND, ''];
  for (const i of json.interfaces) {
    out.push(`Interface: ${i.name}, IPv4 NHRP Details`, `Type:${typeText(i.type)}, NHRP Peers:${i.nhrpPeers},`, '');
    out.push(' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb');
    out.push(' ----- --------------- --------------- ----- -------- -----');
    out.push(...peerRows(i.peers, 6), '');
  }
  return out;
}
