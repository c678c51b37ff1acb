/**
 * `show crypto ikev2 sa`, `show crypto ipsec sa`, `show crypto session`: JSON built from the protected
 * tunnels' state, IOS text rendered from that JSON.
 */
import { renderIkev2Sa } from '../../ike/snapshot.js';
import { renderIsakmpSa } from '../../ikev1/snapshot.js';
import type { CryptoSessionJson, Ikev2SaListJson, IpsecSaJson, IsakmpSaListJson } from '../api/schema/crypto.js';
import type { InterfaceState } from './state.js';
import { nbmaText } from './format.js';

type Protected = InterfaceState & { crypto: NonNullable<InterfaceState['crypto']> };
const protectedOnes = (ifaces: InterfaceState[]): Protected[] =>
  ifaces.filter((i): i is Protected => i.crypto !== undefined);
/** The tunnels whose IKE SAs are theirs: a tunnel sharing another's SA database (`shared`) is left out. */
const ikeOwners = (ifaces: InterfaceState[]): Protected[] => protectedOnes(ifaces).filter((i) => !i.crypto.sharedWith);

/** `show crypto ikev2 sa json`. */
export function ikev2SaJson(ifaces: InterfaceState[]): Ikev2SaListJson {
  return {
    sas: ikeOwners(ifaces).flatMap((i) => i.crypto.ike.sas.map((sa) => ({ interface: i.config.name, ...sa }))),
  };
}

/** `show crypto ikev2 sa` text (the engine's IOS layout). */
export function ikev2SaText(j: Ikev2SaListJson): string[] {
  return renderIkev2Sa({ sas: j.sas, counters: {} }).split('\n');
}

/** `show crypto isakmp sa json`: every IKEv1 tunnel's SAs; counters summed over them. */
export function isakmpSaJson(ifaces: InterfaceState[]): IsakmpSaListJson {
  const counters: Record<string, number> = {};
  const sas: IsakmpSaListJson['sas'] = [];
  for (const i of ikeOwners(ifaces)) {
    const snap = i.crypto.isakmp;
    if (!snap) continue;
    for (const sa of snap.sas) sas.push({ interface: i.config.name, ...sa });
    for (const [k, v] of Object.entries(snap.counters)) counters[k] = (counters[k] ?? 0) + v;
  }
  return { sas, counters };
}

/** `show crypto isakmp sa [detail]` text (the engine's IOS layout). */
export function isakmpSaText(j: IsakmpSaListJson, detail: boolean): string[] {
  return renderIsakmpSa(j, detail).split('\n');
}

/** `show crypto ipsec sa json`. */
export function ipsecSaJson(ifaces: InterfaceState[]): IpsecSaJson {
  return {
    interfaces: protectedOnes(ifaces).map((i) => ({
      name: i.config.name,
      profile: i.crypto.profile,
      local: i.crypto.local,
      peers: i.crypto.peers,
      ...(i.crypto.sharedWith ? { sharedWith: i.crypto.sharedWith } : {}),
    })),
  };
}

/** `show crypto ipsec sa` in the IOS layout, one block per peer. */
export function ipsecSaText(j: IpsecSaJson): string[] {
  const out: string[] = [];
  for (const i of j.interfaces) {
    const local = nbmaText(i.local);
    // IPv6 (IOS): addresses in upper case, a prefix length in place of the mask
    const [what, host] = i.local.includes(':') ? ['prefixlen', '128'] : ['mask', '255.255.255.255'];
    out.push(
      '',
      `interface: ${i.name}`,
      `    Crypto map tag: ${i.sharedWith ?? i.name}-head-0, local addr ${local}`,
      '',
    );
    for (const p of i.peers) {
      const sa = p.sas.find((s) => s.current) ?? p.sas[0];
      const peer = nbmaText(p.peer);
      out.push(
        '   protected vrf: (none)',
        `   local  ident (addr/${what}/prot/port): (${local}/${host}/47/0)`,
        `   remote ident (addr/${what}/prot/port): (${peer}/${host}/47/0)`,
        `   current_peer ${peer} port ${sa?.udpEncap ? 4500 : 500}`,
        '     PERMIT, flags={origin_is_acl,}',
        `    #pkts encaps: ${p.encaps}, #pkts encrypt: ${p.encrypt}, #pkts digest: ${p.encrypt}`,
        `    #pkts decaps: ${p.decaps}, #pkts decrypt: ${p.decrypt}, #pkts verify: ${p.verify}`,
        `    #send errors ${p.sendErrors + p.noSa}, #recv errors ${p.decryptFailed + p.replayed}`,
        '',
        `     local crypto endpt.: ${local}, remote crypto endpt.: ${peer}`,
        `     current outbound spi: ${sa?.current ? sa.spiOut : '0x0(0)'}`,
        '',
        '     inbound esp sas:',
        ...p.sas.flatMap((s) => saLines(s.spiIn, s, i.profile)),
        '',
        '     outbound esp sas:',
        ...p.sas.flatMap((s) => saLines(s.spiOut, s, i.profile)),
        '',
      );
    }
  }
  return out;
}

function saLines(
  spi: string,
  s: IpsecSaJson['interfaces'][number]['peers'][number]['sas'][number],
  profile: string,
): string[] {
  return [
    `      spi: ${spi}(${Number(spi)})`,
    `        transform: ${s.transform} ,`,
    `        in use settings ={${s.mode === 'transport' ? 'Transport' : 'Tunnel'}, }`,
    `        crypto map: ${profile}`,
    `        sa timing: remaining key lifetime (sec): (${Math.max(0, s.lifetimeSec - s.activeSec)})`,
    `        Status: ACTIVE(ACTIVE)`,
  ];
}

/** `show crypto session json`: one session per peer of each protected tunnel. */
export function cryptoSessionJson(ifaces: InterfaceState[]): CryptoSessionJson {
  const sessions: CryptoSessionJson['sessions'] = [];
  for (const i of protectedOnes(ifaces)) {
    // IKEv2 SAs, or IKEv1 ones (ACTIVE = READY)
    const ikeSas: { local: string; remote: string; status: string; activeTime: number }[] = [
      ...i.crypto.ike.sas,
      ...(i.crypto.isakmp?.sas ?? []).map((s) => ({
        local: s.local,
        remote: s.remote,
        status: s.status === 'ACTIVE' ? 'READY' : 'IN-NEG',
        activeTime: Math.max(0, (s.lifetime ?? 0) - (s.remaining ?? s.lifetime ?? 0)),
      })),
    ];
    const peers = new Set([...i.crypto.peers.map((p) => p.peer), ...ikeSas.map((s) => s.remote.split('/')[0])]);
    for (const peer of peers) {
      const ike = ikeSas.filter((s) => s.remote.split('/')[0] === peer);
      const counters = i.crypto.peers.find((p) => p.peer === peer);
      const esp = counters?.sas ?? [];
      const ready = ike.some((s) => s.status === 'READY');
      const status =
        ready && esp.length > 0
          ? 'UP-ACTIVE'
          : ready
            ? 'UP-IDLE'
            : esp.length > 0
              ? 'UP-NO-IKE'
              : ike.length > 0
                ? 'DOWN-NEGOTIATING'
                : 'DOWN';
      const port = Number(ike[0]?.remote.split('/')[1] ?? 500);
      sessions.push({
        interface: i.config.name,
        profile: i.crypto.profile,
        peer,
        port,
        status,
        ikeSas: ike.length,
        ...(i.crypto.isakmp ? { ikeVersion: 1 as const } : {}),
        ipsecSas: esp.length,
        encaps: counters?.encaps ?? 0,
        decaps: counters?.decaps ?? 0,
        recvErrors: (counters?.decryptFailed ?? 0) + (counters?.replayed ?? 0),
        sendErrors: (counters?.sendErrors ?? 0) + (counters?.noSa ?? 0),
        ike: ike.map((s) => ({ local: s.local, remote: s.remote, status: s.status, activeTime: s.activeTime })),
      });
    }
  }
  return { sessions };
}

/** `show crypto session [detail]` text (detail: the IKE SAs and the packet counters of each flow). */
export function cryptoSessionText(j: CryptoSessionJson, detail = false): string[] {
  const out = ['Crypto session current status', ''];
  if (detail)
    out.splice(
      1,
      0,
      '',
      'Code: C - IKE Configuration mode, D - Dead Peer Detection',
      'K - Keepalives, N - NAT-traversal, T - cTCP encapsulation',
      'X - IKE Extended Authentication, F - IKE Fragmentation',
      'R - IKE Auto Reconnect, U - IKE Dynamic Route Update',
    );
  for (const s of j.sessions) {
    out.push(
      `Interface: ${s.interface}`,
      `Profile: ${s.profile}`,
      `Session status: ${s.status}`,
      `Peer: ${nbmaText(s.peer)} port ${s.port}`,
    );
    const v = s.ikeVersion === 1 ? 'IKEv1' : 'IKEv2';
    if (detail)
      for (const k of s.ike)
        out.push(
          `  ${v} SA: local ${nbmaText(k.local)} remote ${nbmaText(k.remote)} ${k.status === 'READY' ? 'Active' : k.status}`,
          `          Capabilities:${s.port === 4500 ? 'N' : '(none)'} connid:1 lifetime:${fmtUp(k.activeTime)}`,
        );
    else out.push(`  Session ID: 0`, `  ${v} SA: ${s.ikeSas} ${s.ikeSas > 0 ? 'Active' : 'Inactive'}`);
    out.push(
      `  IPSEC FLOW: permit 47 host ${nbmaText(s.peer)}`,
      `        Active SAs: ${s.ipsecSas * 2}, origin: crypto map`,
    );
    if (detail)
      out.push(
        `        Inbound:  #pkts dec'ed ${s.decaps} drop ${s.recvErrors} life (KB/Sec) 4608000/3600`,
        `        Outbound: #pkts enc'ed ${s.encaps} drop ${s.sendErrors} life (KB/Sec) 4608000/3600`,
      );
    out.push('');
  }
  return out;
}

const fmtUp = (sec: number): string => {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`;
};
