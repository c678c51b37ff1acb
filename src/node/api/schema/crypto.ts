/** `show crypto ikev2 sa|ipsec sa|session|socket|map json`. */
import { z } from 'zod/v4';
import { obj } from './common.js';

const child = obj({
  spiIn: z.string(),
  spiOut: z.string(),
  mode: z.string(),
  localTs: z.array(z.string()),
  remoteTs: z.array(z.string()),
  encr: z.string(),
  integ: z.string().optional(),
  pfs: z.number().int().optional(),
});

/** One IKE SA (IOS `show crypto ikev2 sa` fields). */
export const ikev2SaSchema = obj({
  interface: z.string().describe('the protected tunnel'),
  tunnelId: z.number().int(),
  local: z.string().describe('address/port'),
  remote: z.string().describe('address/port'),
  fvrf: z.string(),
  ivrf: z.string(),
  status: z.enum(['READY', 'IN-NEG', 'DELETE']),
  role: z.enum(['initiator', 'responder']),
  localSpi: z.string(),
  remoteSpi: z.string(),
  encr: z.string().optional(),
  keysize: z.number().int().optional(),
  prf: z.string().optional(),
  hash: z.string().optional(),
  dhGroup: z.number().int().optional(),
  authSign: z.literal('PSK'),
  authVerify: z.literal('PSK'),
  lifetime: z.number(),
  activeTime: z.number().describe('seconds since it came up'),
  nat: obj({ local: z.boolean(), remote: z.boolean() }),
  remoteId: z.string(),
  children: z.array(child),
});

/** The JSON form of `show crypto ikev2 sa`. */
export const ikev2SaListSchema = obj({ sas: z.array(ikev2SaSchema) });

/** One ESP SA pair of a peer. */
export const ipsecChildSchema = obj({
  spiIn: z.string().describe('inbound SPI, 0x…'),
  spiOut: z.string().describe('outbound SPI, 0x…'),
  transform: z.string().describe('IOS transform text, e.g. esp-256-aes esp-sha256-hmac'),
  mode: z.enum(['transport', 'tunnel']),
  encaps: z.number().int().describe('packets sealed on this SA'),
  decaps: z.number().int().describe('packets opened on this SA'),
  udpEncap: z.boolean().describe('ESP in UDP 4500 (NAT)'),
  lifetimeSec: z.number(),
  activeSec: z.number(),
  current: z.boolean().describe('the SA outbound traffic uses'),
});

/** One peer of a protected tunnel, with counters across its SAs. */
export const ipsecPeerSchema = obj({
  peer: z.string().describe('NBMA address'),
  encaps: z.number().int(),
  encrypt: z.number().int(),
  decaps: z.number().int(),
  decrypt: z.number().int(),
  verify: z.number().int(),
  noSa: z.number().int().describe('packets dropped because no SA was up yet (IKE started)'),
  decryptFailed: z.number().int(),
  replayed: z.number().int(),
  sendErrors: z.number().int(),
  sas: z.array(ipsecChildSchema),
});

/** The JSON form of `show crypto ipsec sa`. */
export const ipsecSaSchema = obj({
  interfaces: z.array(
    obj({
      name: z.string(),
      profile: z.string(),
      local: z.string(),
      peers: z.array(ipsecPeerSchema),
      sharedWith: z.string().optional().describe('`shared`: the tunnel whose SA database (crypto map) this one uses'),
    }),
  ),
});

/** One ISAKMP (IKEv1) SA, IOS `show crypto isakmp sa [detail]` fields. */
export const isakmpSaSchema = obj({
  interface: z.string().describe('the protected tunnel'),
  connId: z.number().int(),
  dst: z.string().describe('the responder'),
  src: z.string().describe('the initiator'),
  state: z.string().describe('MM_NO_STATE, MM_SA_SETUP, MM_KEY_EXCH, AG_INIT_EXCH, QM_IDLE …'),
  status: z.enum(['ACTIVE', 'NEGOTIATING']),
  role: z.enum(['initiator', 'responder']),
  mode: z.enum(['main', 'aggressive']),
  local: z.string().describe('address/port'),
  remote: z.string().describe('address/port'),
  encr: z.string().optional(),
  keysize: z.number().int().optional(),
  hash: z.string().optional(),
  auth: z.literal('psk'),
  dhGroup: z.number().int().optional(),
  lifetime: z.number().optional(),
  remaining: z.number().optional().describe('seconds of lifetime left'),
  capabilities: z.string().describe('D: DPD, N: NAT-T'),
  nat: obj({ local: z.boolean(), remote: z.boolean() }),
  ipsecSas: z.number().int(),
});

/** The JSON form of `show crypto isakmp sa`: SAs, and refusals per reason (AUTHENTICATION_FAILED …). */
export const isakmpSaListSchema = obj({
  sas: z.array(isakmpSaSchema),
  counters: z.record(z.string(), z.number()),
});

/** The JSON form of `show crypto session`. */
export const cryptoSessionSchema = obj({
  sessions: z.array(
    obj({
      interface: z.string(),
      profile: z.string(),
      peer: z.string(),
      port: z.number().int(),
      status: z.enum(['UP-ACTIVE', 'UP-IDLE', 'UP-NO-IKE', 'DOWN-NEGOTIATING', 'DOWN']),
      ikeSas: z.number().int(),
      ipsecSas: z.number().int(),
      ikeVersion: z.literal(1).optional().describe('1 for an IKEv1 (ISAKMP) session; absent: IKEv2'),
      encaps: z.number().int().describe('packets sealed to the peer'),
      decaps: z.number().int().describe('packets opened from the peer'),
      recvErrors: z.number().int().describe('inbound ESP refused (unknown SPI, ICV, replay)'),
      sendErrors: z.number().int().describe('outbound packets dropped (no SA yet, send failures)'),
      ike: z
        .array(obj({ local: z.string(), remote: z.string(), status: z.string(), activeTime: z.number() }))
        .describe('the IKEv2 SAs with the peer (detail)'),
    }),
  ),
});

/** The JSON form of `show crypto socket`: one socket per peer of each protected tunnel, and those listening. */
export const cryptoSocketSchema = obj({
  sockets: z.array(
    obj({
      interface: z.string(),
      local: z.string(),
      remote: z.string(),
      profile: z.string(),
      state: z.enum(['Open', 'Opening']).describe('Open once an ESP SA is installed'),
    }),
  ),
  listening: z.array(obj({ interface: z.string(), profile: z.string(), mapName: z.string() })),
});

/** The JSON form of `show crypto map`: the map each protected tunnel gets (IOS `Tunnel0-head-0`). */
export const cryptoMapSchema = obj({
  maps: z.array(
    obj({
      name: z.string().describe('Tunnel0-head-0'),
      interface: z.string(),
      idb: z.string().describe('the interface the map is bound to: the tunnel source'),
      local: z.string(),
      profile: z.string(),
      ikev2Profile: z.string().nullable(),
      transformSets: z.array(obj({ name: z.string(), transforms: z.array(z.string()), mode: z.string() })),
      pfs: z.string().nullable(),
      lifetimeSec: z.number().int(),
      peers: z
        .array(obj({ seq: z.number().int(), peer: z.string(), current: z.boolean() }))
        .describe('one profile instance per peer (65537…)'),
    }),
  ),
});

export type Ikev2SaListJson = z.infer<typeof ikev2SaListSchema>;
export type IsakmpSaListJson = z.infer<typeof isakmpSaListSchema>;
export type IpsecSaJson = z.infer<typeof ipsecSaSchema>;
export type IpsecPeerJson = z.infer<typeof ipsecPeerSchema>;
export type CryptoSessionJson = z.infer<typeof cryptoSessionSchema>;
export type CryptoSocketJson = z.infer<typeof cryptoSocketSchema>;
export type CryptoMapJson = z.infer<typeof cryptoMapSchema>;
