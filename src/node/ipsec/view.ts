/** The JSON of a protected tunnel's ESP SAs (`show crypto ipsec sa`), from its IpsecSocket. */
import type { EspSuiteChoice } from '../../ike/algorithms.js';
import type { IpsecPeerJson } from '../api/schema/crypto.js';
import type { IpsecSocket } from './ipsec-socket.js';

const spi = (n: number): string => `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

/** IOS transform text: `esp-256-aes esp-sha256-hmac`, `esp-gcm 256`. */
export function transformText(a: EspSuiteChoice): string {
  const bits = a.encr.endsWith('256') ? 256 : 128;
  if (a.encr.startsWith('aes-gcm')) return `esp-gcm ${bits}`;
  return `esp-${bits}-aes ${a.integ === 'sha1-96' ? 'esp-sha-hmac' : 'esp-sha256-hmac'}`;
}

/** Every peer the tunnel has sent to or heard from, with its SAs and counters. */
export function ipsecPeersView(s: IpsecSocket, now: number): IpsecPeerJson[] {
  return s.peers().map((p) => ({
    peer: p.peer,
    encaps: p.counters.encaps,
    encrypt: p.counters.encaps,
    decaps: p.counters.decaps,
    decrypt: p.counters.decaps,
    verify: p.counters.decaps,
    noSa: p.counters.noSa,
    decryptFailed: p.counters.decryptFailed,
    replayed: p.counters.replayed,
    sendErrors: p.counters.sendErrors,
    sas: [...p.children.values()].map((c) => ({
      spiIn: spi(c.view.spiIn),
      spiOut: spi(c.view.spiOut),
      transform: transformText(c.view.algorithms),
      mode: c.view.mode,
      encaps: c.out.packets,
      decaps: c.in.counters.packets,
      udpEncap: c.view.encap !== undefined,
      lifetimeSec: c.view.lifetime,
      activeSec: Math.max(0, Math.floor((now - c.since) / 1000)),
      current: p.current === c,
    })),
  }));
}
