/**
 * `show crypto socket` and `show crypto map` as IOS shows them for DMVPN: each protected tunnel gets a dynamic
 * crypto map `TunnelN-head-0` (sequence 65536 for the profile, 65537… one profile instance per peer) and a
 * crypto socket per peer (GRE between the two NBMA addresses). JSON first, text from it.
 */
import type { RouterConfig } from '../config/model.js';
import type { CryptoMapJson, CryptoSocketJson } from '../api/schema/crypto.js';
import type { InterfaceState } from './state.js';
import { nbmaText } from './format.js';

type Protected = InterfaceState & { crypto: NonNullable<InterfaceState['crypto']> };
const protectedOnes = (ifaces: InterfaceState[]): Protected[] =>
  ifaces.filter((i): i is Protected => i.crypto !== undefined);
/** The crypto map: `TunnelN-head-0` of the first tunnel sharing the SA database (`shared`), else the tunnel's. */
const mapName = (i: InterfaceState): string => `${i.crypto?.sharedWith ?? i.config.name}-head-0`;
const short = (name: string): string => name.replace(/^Tunnel/, 'Tu');

/** `show crypto socket json`. */
export function cryptoSocketJson(ifaces: InterfaceState[]): CryptoSocketJson {
  const p = protectedOnes(ifaces);
  return {
    sockets: p.flatMap((i) =>
      i.crypto.peers.map((x) => ({
        interface: i.config.name,
        local: i.crypto.local,
        remote: x.peer,
        profile: i.crypto.profile,
        state: x.sas.some((s) => s.current) ? ('Open' as const) : ('Opening' as const),
      })),
    ),
    listening: p.map((i) => ({ interface: i.config.name, profile: i.crypto.profile, mapName: mapName(i) })),
  };
}

/** `show crypto socket` text. */
export function cryptoSocketText(j: CryptoSocketJson): string[] {
  const out = ['', `Number of Crypto Socket connections ${j.sockets.length}`, ''];
  for (const s of j.sockets) {
    // IPv6 peers (IOS): upper case, a prefix length in place of the mask
    const [what, host] = s.local.includes(':') ? ['prefixlen', '128'] : ['mask', '255.255.255.255'];
    const [local, remote] = [nbmaText(s.local), nbmaText(s.remote)];
    out.push(
      `   ${short(s.interface)} Peers (local/remote): ${local}/${remote}`,
      `       Local Ident  (addr/${what}/port/prot): (${local}/${host}/0/47)`,
      `       Remote Ident (addr/${what}/port/prot): (${remote}/${host}/0/47)`,
      `       IPSec Profile: "${s.profile}"`,
      `       Socket State: ${s.state}`,
      `       Client: "TUNNEL SEC" (Client State: ${s.state === 'Open' ? 'Active' : 'Opening'})`,
    );
  }
  out.push('', 'Crypto Sockets in Listen state:');
  for (const l of j.listening) out.push(`Client: "TUNNEL SEC" Profile: "${l.profile}" Map-name: "${l.mapName}"`);
  out.push('');
  return out;
}

/** `show crypto map json`. */
export function cryptoMapJson(config: RouterConfig, ifaces: InterfaceState[]): CryptoMapJson {
  const c = config.crypto;
  return {
    maps: protectedOnes(ifaces).map((i) => {
      const prof = c.ipsecProfiles.find((p) => p.name === i.crypto.profile);
      const sets = (prof?.transformSets ?? []).map((n) => c.transformSets.find((t) => t.name === n));
      return {
        name: mapName(i),
        interface: i.config.name,
        idb: i.config.tunnel?.source?.kind === 'interface' ? i.config.tunnel.source.name : i.config.name,
        local: i.crypto.local,
        profile: i.crypto.profile,
        ikev2Profile: prof?.ikev2Profile ?? null,
        transformSets: sets
          .filter((t) => t !== undefined)
          .map((t) => ({ name: t.name, transforms: t.transforms, mode: t.mode })),
        pfs: prof?.pfs ?? null,
        lifetimeSec: prof?.lifetimeSeconds ?? 3600,
        peers: i.crypto.peers.map((p, n) => ({ seq: 65537 + n, peer: p.peer, current: p.sas.some((s) => s.current) })),
      };
    }),
  };
}

/** `show crypto map` text. */
export function cryptoMapText(j: CryptoMapJson): string[] {
  const out: string[] = [];
  for (const m of j.maps) {
    const v6 = m.local.includes(':');
    const family = v6 ? 'IPv6' : 'IPv4';
    const local = nbmaText(m.local);
    out.push(
      '',
      `Crypto Map: "${m.name}" idb: ${m.idb} local address: ${local}`,
      '',
      `Crypto Map ${family} "${m.name}" 65536 ipsec-isakmp`,
      `        Profile name: ${m.profile}`,
      `        Security association lifetime: 4608000 kilobytes/${m.lifetimeSec} seconds`,
      '        Responder-Only (Y/N): N',
      `        PFS (Y/N): ${m.pfs ? `Y\n        DH group:  ${m.pfs}` : 'N'}`,
      '        Mixed-mode : Disabled',
      '        Transform sets={',
      ...m.transformSets.map((t) => `                ${t.name}:  { ${t.transforms.join(' ')} } ,`),
      '        }',
    );
    for (const p of m.peers) {
      const peer = nbmaText(p.peer);
      out.push(
        '',
        `Crypto Map ${family} "${m.name}" ${p.seq} ipsec-isakmp`,
        '        Map is a PROFILE INSTANCE.',
        `        Peer = ${peer}`,
        ...(m.ikev2Profile ? [`        IKEv2 Profile: ${m.ikev2Profile}`] : []),
        v6 ? '        IPv6 access list' : '        Extended IP access list',
        v6
          ? `            permit 47 host ${local} host ${peer}`
          : `            access-list  permit gre host ${local} host ${peer}`,
        `        Current peer: ${peer}`,
        `        Security association lifetime: 4608000 kilobytes/${m.lifetimeSec} seconds`,
        `        PFS (Y/N): ${m.pfs ? 'Y' : 'N'}`,
        '        Transform sets={',
        ...m.transformSets.map((t) => `                ${t.name}:  { ${t.transforms.join(' ')} } ,`),
        '        }',
      );
    }
    out.push('', `        Interfaces using crypto map ${m.name}:`, `                ${m.interface}`);
  }
  out.push('');
  return out;
}
