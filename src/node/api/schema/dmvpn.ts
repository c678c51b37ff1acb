/** `show dmvpn [detail] json`: NHRP peers per tunnel, grouped by NBMA address. */
import { z } from 'zod/v4';
import { entryType, lineProtocol, linkStatus, obj, orNull } from './common.js';
import { nhsSchema } from './nhrp.js';

const peerState = z.enum(['UP', 'NHRP']).describe('UP once the peer is resolved and reachable, else NHRP');

/** One NHRP entry of a peer: a row of `show dmvpn` (with its Target Network in `detail`). */
export const dmvpnTargetSchema = obj({
  network: z.string().describe('the entry as prefix/length'),
  tunnel: z.string().describe('the tunnel address it resolves through'),
  type: entryType,
  state: peerState,
  upDownSec: orNull(z.number(), 'seconds up (or down); null when never up (an incomplete entry)'),
  attributes: z
    .array(z.string())
    .describe('IOS Attrb letters: S static, D dynamic, I incomplete, N NAT, L local, T1 route installed'),
});

/** One NBMA peer: its entries share the `# Ent` count. */
export const dmvpnPeerSchema = obj({
  nbma: orNull(z.string(), 'the peer NBMA address; null for an incomplete entry (IOS prints UNKNOWN)'),
  tunnel: z.string().describe("the peer's tunnel address (its first entry's)"),
  state: peerState,
  upDownSec: orNull(z.number(), 'seconds up (or down); null when never up'),
  attributes: z.array(z.string()).describe('the attribute letters of all its entries'),
  entries: z.number().int().describe('# Ent: how many NHRP entries share this NBMA address'),
  targets: z.array(dmvpnTargetSchema),
});

const dmvpnType = z.enum(['hub', 'spoke', 'hub-spoke']).describe('hub (an NHS), spoke (registers), hub-spoke (both)');

/** One tunnel interface with NHRP. */
export const dmvpnInterfaceSchema = obj({
  name: z.string().describe('IOS interface name, e.g. Tunnel0'),
  type: dmvpnType,
  nhrpPeers: z.number().int().describe('peers with an NBMA address'),
  peers: z.array(dmvpnPeerSchema),
});

/** The JSON form of `show dmvpn`. */
export const dmvpnSchema = obj({ interfaces: z.array(dmvpnInterfaceSchema).describe('tunnels with NHRP') });

/** IKE/IPsec state of a peer: never active until dmvpnd runs IPsec. */
export const dmvpnCryptoSchema = obj({
  active: z.boolean().describe('the tunnel is protected and this peer has a crypto session'),
  reason: z.string().describe('the session status (UP-ACTIVE, DOWN-NEGOTIATING, …) or why there is none'),
});

/** One tunnel in the JSON form of `show dmvpn detail`. */
export const dmvpnDetailInterfaceSchema = obj({
  name: z.string(),
  type: dmvpnType,
  nhrpPeers: z.number().int(),
  status: linkStatus,
  lineProtocol,
  address: orNull(z.string(), 'the tunnel address; null when unassigned'),
  source: orNull(z.string(), 'the tunnel source address; null when unknown'),
  destination: orNull(z.string(), 'MGRE for a multipoint tunnel, else the tunnel destination; null when none'),
  transport: z.string().describe('multi-GRE/IP, multi-GRE/IPv6, GRE/IP or GRE/IPv6'),
  protection: orNull(z.string(), '`tunnel protection ipsec profile` name'),
  nhs: z.array(nhsSchema),
  peers: z.array(
    dmvpnPeerSchema.extend({
      crypto: dmvpnCryptoSchema,
      group: orNull(z.string(), 'the NHRP group the peer registered with (`nhrp group`); null when none'),
      qosPolicy: orNull(z.string(), 'the output QoS policy its group selects on this hub; null when none'),
    }),
  ),
});

/** The JSON form of `show dmvpn detail`. */
export const dmvpnDetailSchema = obj({ interfaces: z.array(dmvpnDetailInterfaceSchema) });

export type DmvpnTargetJson = z.infer<typeof dmvpnTargetSchema>;
export type DmvpnPeerJson = z.infer<typeof dmvpnPeerSchema>;
export type DmvpnInterfaceJson = z.infer<typeof dmvpnInterfaceSchema>;
export type DmvpnJson = z.infer<typeof dmvpnSchema>;
export type DmvpnCryptoJson = z.infer<typeof dmvpnCryptoSchema>;
export type DmvpnDetailInterfaceJson = z.infer<typeof dmvpnDetailInterfaceSchema>;
export type DmvpnDetailJson = z.infer<typeof dmvpnDetailSchema>;
