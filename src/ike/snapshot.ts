/**
 * `show crypto ikev2 sa` as JSON (IkeSnapshot) and as IOS text, rendered from the JSON so the two cannot drift:
 *
 *  IPv4 Crypto IKEv2  SA
 *
 * Tunnel-id Local                 Remote                fvrf/ivrf            Status
 * 1         192.0.2.1/500         192.0.2.2/500         none/none            READY
 *       Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK
 *       Life/Active Time: 86400/12 sec
 *
 *  IPv6 Crypto IKEv2  SA
 *
 * Tunnel-id fvrf/ivrf            Status
 * 2         none/none            READY
 * Local 2001:DB8:0:2::1/500
 * Remote 2001:DB8:0:1::1/500
 *       Encr: …
 */
import { ENCR, INTEG, PRF } from './algorithms.js';
import type { Ctx } from './context.js';
import { hex, tsText } from './payloads.js';

export interface IkeSaEntry {
  tunnelId: number;
  local: string;
  remote: string;
  fvrf: string;
  ivrf: string;
  /** IOS status: READY once established, IN-NEG while negotiating, DELETE while being deleted. */
  status: 'READY' | 'IN-NEG' | 'DELETE';
  role: 'initiator' | 'responder';
  localSpi: string;
  remoteSpi: string;
  encr?: string;
  keysize?: number;
  prf?: string;
  hash?: string;
  dhGroup?: number;
  authSign: 'PSK';
  authVerify: 'PSK';
  lifetime: number;
  /** Seconds since the SA came up. */
  activeTime: number;
  nat: { local: boolean; remote: boolean };
  remoteId: string;
  children: {
    spiIn: string;
    spiOut: string;
    mode: string;
    localTs: string[];
    remoteTs: string[];
    encr: string;
    integ?: string;
    pfs?: number;
  }[];
}

export interface IkeSnapshot {
  sas: IkeSaEntry[];
  counters: Record<string, number>;
}

export function buildSnapshot(ctx: Ctx, now: number): IkeSnapshot {
  const sas: IkeSaEntry[] = [];
  for (const sa of ctx.sas.values()) {
    const s = sa.suite;
    sas.push({
      tunnelId: sa.id,
      local: `${ctx.cfg.localAddress}/${sa.localPort}`,
      remote: `${sa.peer.address}/${sa.peerPort}`,
      fvrf: 'none',
      ivrf: 'none',
      status: sa.state === 'established' ? 'READY' : sa.state === 'deleting' ? 'DELETE' : 'IN-NEG',
      role: sa.initiator ? 'initiator' : 'responder',
      localSpi: hex(sa.ourSpi).toUpperCase(),
      remoteSpi: hex(sa.initiator ? sa.spiR : sa.spiI).toUpperCase(),
      ...(s
        ? {
            encr: ENCR[s.encr].ios,
            keysize: ENCR[s.encr].bits,
            prf: PRF[s.prf].ios,
            hash: s.integ ? INTEG[s.integ].ios : 'None',
            dhGroup: s.dh,
          }
        : {}),
      authSign: 'PSK',
      authVerify: 'PSK',
      lifetime: sa.peer.ikeLifetime,
      activeTime: sa.establishedAt === undefined ? 0 : Math.floor((now - sa.establishedAt) / 1000),
      nat: { local: sa.natLocal, remote: sa.natRemote },
      remoteId: sa.remoteId,
      children: sa.children.map((c) => ({
        spiIn: c.spiIn.toString(16).padStart(8, '0'),
        spiOut: c.spiOut.toString(16).padStart(8, '0'),
        mode: c.mode,
        localTs: c.localTs.map(tsText),
        remoteTs: c.remoteTs.map(tsText),
        encr: c.algorithms.encr,
        ...(c.algorithms.integ ? { integ: c.algorithms.integ } : {}),
        ...(c.algorithms.dh ? { pfs: c.algorithms.dh } : {}),
      })),
    });
  }
  return { sas, counters: { ...ctx.counters } };
}

const pad = (s: string, n: number) => s.padEnd(n);

/** The Encr and Life lines under an SA. */
function saDetail(sa: IkeSaEntry): string[] {
  const out: string[] = [];
  if (sa.encr) {
    out.push(
      `      Encr: ${sa.encr}, keysize: ${sa.keysize}, PRF: ${sa.prf}, Hash: ${sa.hash}, DH Grp:${sa.dhGroup}, ` +
        `Auth sign: ${sa.authSign}, Auth verify: ${sa.authVerify}`,
    );
  }
  out.push(`      Life/Active Time: ${sa.lifetime}/${sa.activeTime} sec`);
  return out;
}

/** IOS `show crypto ikev2 sa` text: IPv4 SAs in columns, then IPv6 ones (upper case) with Local and Remote below. */
export function renderIkev2Sa(snap: IkeSnapshot): string {
  const v6 = (sa: IkeSaEntry) => sa.local.includes(':');
  const lines = [
    ' IPv4 Crypto IKEv2  SA ',
    '',
    'Tunnel-id Local                 Remote                fvrf/ivrf            Status ',
  ];
  for (const sa of snap.sas.filter((x) => !v6(x))) {
    lines.push(
      pad(String(sa.tunnelId), 10) +
        pad(sa.local, 22) +
        pad(sa.remote, 22) +
        pad(`${sa.fvrf}/${sa.ivrf}`, 21) +
        sa.status,
    );
    lines.push(...saDetail(sa));
  }
  const six = snap.sas.filter(v6);
  if (six.length > 0) lines.push('', ' IPv6 Crypto IKEv2  SA ', '', 'Tunnel-id fvrf/ivrf            Status ');
  for (const sa of six) {
    lines.push(
      pad(String(sa.tunnelId), 10) + pad(`${sa.fvrf}/${sa.ivrf}`, 21) + sa.status,
      `Local ${sa.local.toUpperCase()}`,
      `Remote ${sa.remote.toUpperCase()}`,
      ...saDetail(sa),
    );
  }
  lines.push('');
  return lines.join('\n');
}
