/**
 * `show crypto isakmp sa [detail]` as JSON (IsakmpSnapshot) and as IOS text rendered from it:
 *
 * IPv4 Crypto ISAKMP SA
 * dst             src             state          conn-id status
 * 192.0.2.1       192.0.2.2       QM_IDLE           1001 ACTIVE
 *
 * dst is the responder, src the initiator (as IOS prints them).
 */
import { V1_ENCR, V1_HASH } from './algorithms.js';
import type { Ctx } from './context.js';

export interface IsakmpSaEntry {
  connId: number;
  dst: string;
  src: string;
  state: string;
  status: 'ACTIVE' | 'NEGOTIATING';
  role: 'initiator' | 'responder';
  mode: 'main' | 'aggressive';
  local: string;
  remote: string;
  encr?: string;
  keysize?: number;
  hash?: string;
  auth: 'psk';
  dhGroup?: number;
  lifetime?: number;
  /** Seconds left of the lifetime. */
  remaining?: number;
  /** IOS capabilities: D (DPD), N (NAT-T). */
  capabilities: string;
  nat: { local: boolean; remote: boolean };
  ipsecSas: number;
}

export interface IsakmpSnapshot {
  sas: IsakmpSaEntry[];
  counters: Record<string, number>;
}

export function buildIsakmpSnapshot(ctx: Ctx, now: number): IsakmpSnapshot {
  const sas: IsakmpSaEntry[] = [];
  for (const sa of ctx.sas.values()) {
    const me = `${ctx.cfg.localAddress}`;
    const p = sa.policy;
    const up = sa.state === 'QM_IDLE';
    const entry: IsakmpSaEntry = {
      connId: sa.id,
      dst: sa.initiator ? sa.peer : me,
      src: sa.initiator ? me : sa.peer,
      state: sa.state,
      status: up ? 'ACTIVE' : 'NEGOTIATING',
      role: sa.initiator ? 'initiator' : 'responder',
      mode: sa.aggressive ? 'aggressive' : 'main',
      local: `${me}/${sa.localPort}`,
      remote: `${sa.peer}/${sa.peerPort}`,
      auth: 'psk',
      capabilities: `${sa.peerDpd && ctx.cfg.dpd ? 'D' : ''}${sa.nat.local || sa.nat.peer ? 'N' : ''}`,
      nat: { local: sa.nat.local, remote: sa.nat.peer },
      ipsecSas: sa.children.length,
    };
    if (p) {
      entry.encr = V1_ENCR[p.encr].ios.toLowerCase();
      if (V1_ENCR[p.encr].bits) entry.keysize = V1_ENCR[p.encr].bits;
      entry.hash = V1_HASH[p.hash].ios.toLowerCase();
      entry.dhGroup = p.group;
      entry.lifetime = p.lifetime;
      if (up) entry.remaining = Math.max(0, p.lifetime - Math.floor((now - sa.establishedAt!) / 1000));
    }
    sas.push(entry);
  }
  return { sas, counters: { ...ctx.counters } };
}

const col = (s: string, n: number) => s.padEnd(n);

function hms(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The IOS text of `show crypto isakmp sa` (`detail` adds the algorithms and the lifetime left). IPv4 SAs in columns;
 * IPv6 ones (IPsec over an IPv6 NBMA) under `IPv6 Crypto ISAKMP SA`, upper case: `dst:`, `src:` and the state on
 * lines of their own, or in the detail the Local and Remote addresses on a line each.
 */
export function renderIsakmpSa(s: { sas: IsakmpSaEntry[] }, detail = false): string {
  const v6 = (e: IsakmpSaEntry) => e.dst.includes(':');
  const four = s.sas.filter((e) => !v6(e));
  const six = s.sas.filter(v6);
  const up = (a: string) => a.toUpperCase();
  if (!detail) {
    const out = ['IPv4 Crypto ISAKMP SA', 'dst             src             state          conn-id status'];
    for (const e of four) {
      out.push(`${col(e.dst, 16)}${col(e.src, 16)}${col(e.state, 14)}${String(e.connId).padStart(8)} ${e.status}`);
    }
    out.push('', 'IPv6 Crypto ISAKMP SA', '');
    for (const e of six) {
      out.push(
        ` dst: ${up(e.dst)}`,
        ` src: ${up(e.src)}`,
        ` state: ${col(e.state, 16)}conn-id: ${String(e.connId).padStart(6)} status: ${e.status}`,
        '',
      );
    }
    return out.join('\n');
  }
  const out = [
    'Codes: C - IKE configuration mode, D - Dead Peer Detection',
    '       K - Keepalives, N - NAT-traversal',
    '       T - cTCP encapsulation, X - IKE Extended Authentication',
    '       psk - Preshared key, rsig - RSA signature',
    '       renc - RSA encryption',
    'IPv4 Crypto ISAKMP SA',
    '',
    'C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.',
    '',
  ];
  const row = (e: IsakmpSaEntry, local: string, remote: string) =>
    `${col(String(e.connId), 6)}${col(local, 16)}${col(remote, 16)}${col('', 7)}${col(e.status, 7)}${col(e.encr ?? '', 5)}` +
    `${col(e.hash ?? '', 7)}${col(e.auth, 5)}${col(String(e.dhGroup ?? ''), 3)}` +
    `${col(e.remaining !== undefined ? hms(e.remaining) : '', 9)}${e.capabilities}`;
  for (const e of four) {
    out.push(
      row(e, e.local.split('/')[0]!, e.remote.split('/')[0]!),
      `       Engine-id:Conn-id =  SW:${e.connId - 1000}`,
      '',
    );
  }
  out.push('IPv6 Crypto ISAKMP SA', '');
  if (six.length > 0)
    out.push('C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.', '');
  for (const e of six) {
    out.push(
      row(e, '', ''),
      `      Local  ${up(e.local.split('/')[0]!)}`,
      `      Remote ${up(e.remote.split('/')[0]!)}`,
      `       Engine-id:Conn-id =  SW:${e.connId - 1000}`,
      '',
    );
  }
  return out.join('\n');
}
