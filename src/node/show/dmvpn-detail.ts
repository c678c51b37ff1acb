/** `show dmvpn detail`: per tunnel its state, NHSs and peers with their Target Network, then crypto sessions. */
import type { RouterConfig } from '../config/model.js';
import { DMVPN_LEGEND, dmvpnPeers, dmvpnType, peerRows, typeText } from './dmvpn.js';
import { linkStatus, primaryAddress, tunnelFacts } from './link.js';
import { nhsLine, nhsListJson } from './nhs.js';
import { nbmaText, right } from './format.js';
import { cryptoSessionJson } from './crypto.js';
import { peerGroup } from './qos.js';
import type { InterfaceState } from './state.js';
import type { DmvpnCryptoJson, DmvpnDetailInterfaceJson, DmvpnDetailJson } from '../api/schema/dmvpn.js';

export type { DmvpnCryptoJson, DmvpnDetailInterfaceJson, DmvpnDetailJson };

/** `show dmvpn detail` as JSON. */
export function dmvpnDetailJson(config: RouterConfig, interfaces: InterfaceState[]): DmvpnDetailJson {
  const out: DmvpnDetailInterfaceJson[] = [];
  for (const i of interfaces) {
    const s = i.snapshot;
    if (!s) continue;
    const link = linkStatus(config, i);
    const facts = tunnelFacts(config, i.config);
    const none = facts.protection === undefined ? 'no tunnel protection' : 'no crypto session';
    const sessions = cryptoSessionJson([i]).sessions;
    const peers = dmvpnPeers(s).map((p) => {
      const session = sessions.find((x) => x.peer === p.nbma);
      const g = peerGroup(i, p.nbma);
      return {
        ...p,
        crypto: session ? { active: true, reason: session.status } : { active: false, reason: none },
        group: g?.group ?? null,
        qosPolicy: g?.policy ?? null,
      };
    });
    out.push({
      name: i.config.name,
      type: dmvpnType(s),
      nhrpPeers: peers.filter((p) => p.nbma !== null).length,
      status: link.status,
      lineProtocol: link.protocol,
      address: primaryAddress(i.config)?.address ?? s.interface.protocolAddress ?? null,
      source: facts.sourceAddress ?? (s.interface.nbmaAddress || null),
      destination: facts.multipoint ? 'MGRE' : (facts.destination ?? null),
      transport: facts.transport,
      protection: facts.protection ?? null,
      nhs: nhsListJson([i]).interfaces[0]?.nhs ?? [],
      peers,
    });
  }
  return { interfaces: out };
}

const shortStatus = (i: DmvpnDetailInterfaceJson) =>
  `${i.status === 'administratively down' ? 'admin-down' : i.status}/${i.lineProtocol}`;

/** `show dmvpn detail` text. */
export function dmvpnDetailText(json: DmvpnDetailJson): string[] {
  const out = [...DMVPN_LEGEND, ''];
  for (const i of json.interfaces) {
    out.push(`Interface ${i.name} is ${shortStatus(i)}, Addr. is ${i.address ?? 'unassigned'}, VRF ""`);
    const [src, dst] = [i.source, i.destination].map((a) => (a === null ? 'unknown' : nbmaText(a)));
    out.push(`   Tunnel Src./Dest. addr: ${src}/${dst}, Tunnel VRF ""`);
    out.push(`   Protocol/Transport: "${i.transport}", Protect "${i.protection ?? ''}"`);
    out.push('   Interface State Control: Disabled', '   nhrp event-publisher : Disabled', '');
    if (i.nhs.length > 0) out.push('IPv4 NHS:', ...i.nhs.map((n) => nhsLine(n, false)));
    out.push(`Type:${typeText(i.type)}, Total NBMA Peers (v4/v6): ${i.nhrpPeers}`, '');
    out.push('# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network');
    out.push('----- --------------- --------------- ----- -------- ----- -----------------');
    for (const p of i.peers) {
      out.push(...peerRows([p], 5, (t) => right(t.network, 17)));
      if (p.group !== null) out.push(`    NHRP group: ${p.group}`);
      if (p.qosPolicy !== null) out.push(`     Output QoS service-policy applied: ${p.qosPolicy}`);
    }
    out.push('', '');
  }
  out.push('Crypto Session Details: ', '-'.repeat(80), '');
  for (const i of json.interfaces) {
    for (const p of i.peers) {
      if (p.nbma === null) continue;
      out.push(`Interface: ${i.name}`, 'Session: [none]');
      const nbma = nbmaText(p.nbma);
      const src = nbmaText(i.source ?? '');
      out.push(`  Peer NBMA: ${nbma}, Tunnel: ${p.tunnel}`);
      if (p.crypto.active) {
        out.push(`  IKE SA: local ${src}/500 remote ${nbma}/500`, `  Crypto Session Status: ${p.crypto.reason}`);
        out.push(`  IPSEC FLOW: permit 47 host ${src} host ${nbma}`, '');
      } else out.push('  IKE SA: n/a', `  Crypto Session Status: n/a (${p.crypto.reason})`, '  IPSEC FLOW: n/a', '');
    }
  }
  out.push('Pending DMVPN Sessions:', '');
  return out;
}
