/** `show interfaces [NAME] json`, `show ip interface brief json`, `show version json`. */
import { z } from 'zod/v4';
import { byReason, lineProtocol, linkStatus, obj, orNull } from './common.js';

const count = z.number().int();

/** A tunnel's data-plane counters. */
export const interfaceCountersSchema = obj({
  packetsIn: count.describe('inner packets received from the tunnel'),
  bytesIn: count,
  packetsOut: count.describe('inner packets sent into the tunnel'),
  bytesOut: count,
  greIn: count.describe('GRE packets received (data and NHRP, before any drop)'),
  greOut: count,
  nhrpIn: count,
  nhrpOut: count,
  multicastOut: count.describe('multicast copies sent to NBMA peers'),
  arpReplies: count.describe('ARP answers given for tunnel neighbours'),
  viaNhs: count.describe('packets sent through the NHS while their next hop was unresolved'),
  hairpins: count.describe('packets that came in from the tunnel and went back out (Phase 3)'),
  drops: byReason.describe('frames and packets dropped by the data plane, by reason (every reason present)'),
  inputErrors: count,
  outputDrops: count,
  unknownProtocolDrops: count,
  lastInputSecAgo: orNull(z.number(), 'seconds since the last packet in; null: never'),
  lastOutputSecAgo: orNull(z.number(), 'seconds since the last packet out; null: never'),
});

/** One interface of `show interfaces`. */
export const interfaceSchema = obj({
  name: z.string().describe('IOS name'),
  linuxName: z.string().describe('the device in the node (ethN, lo, tunN)'),
  status: linkStatus,
  lineProtocol,
  hardware: z.enum(['Tunnel', 'Ethernet', 'Loopback']),
  description: orNull(z.string(), 'null: no description'),
  address: orNull(z.string(), 'a.b.c.d/len; null when unassigned'),
  mtu: count,
  bandwidthKbps: count,
  delayUsec: count,
  tunnel: obj({
    source: orNull(z.string(), 'tunnel source address; null when unknown'),
    sourceInterface: orNull(z.string(), 'tunnel source interface, when given by name'),
    destination: orNull(z.string(), 'null: multipoint'),
    transport: z.string().describe('multi-GRE/IP, multi-GRE/IPv6, GRE/IP or GRE/IPv6'),
    key: orNull(count, 'tunnel key'),
    transportMtu: count,
    protection: orNull(z.string(), 'tunnel protection profile'),
  })
    .nullable()
    .describe('tunnels only'),
  counters: interfaceCountersSchema.nullable().describe('tunnels only, once the data plane runs'),
  rates: obj({
    inputBitsPerSec: z.number(),
    inputPacketsPerSec: z.number(),
    outputBitsPerSec: z.number(),
    outputPacketsPerSec: z.number(),
  })
    .nullable()
    .describe('five-minute rates, when the router measures them'),
});

/** The JSON form of `show interfaces`. */
export const interfacesSchema = obj({ interfaces: z.array(interfaceSchema) });

/** One interface of `show ip interface brief`. */
export const briefSchema = obj({
  name: z.string(),
  address: orNull(z.string(), 'primary address; null: IOS unassigned'),
  ok: z.boolean(),
  method: z.enum(['NVRAM', 'unset']).describe('NVRAM for an address from the configuration, unset for none'),
  status: linkStatus,
  protocol: lineProtocol,
});

/** The JSON form of `show ip interface brief`. */
export const interfaceBriefSchema = obj({
  interfaces: z.array(briefSchema).describe('every interface, in configuration order'),
});

/** The JSON form of `show version`. */
export const versionSchema = obj({
  software: z.literal('dmvpnd'),
  version: z.string(),
  hostname: z.string(),
  uptimeSec: count,
  interfaces: obj({ ethernet: count, loopback: count, tunnel: count }).describe('how many interfaces of each kind'),
});

export type InterfaceCountersJson = z.infer<typeof interfaceCountersSchema>;
export type InterfaceJson = z.infer<typeof interfaceSchema>;
export type InterfacesJson = z.infer<typeof interfacesSchema>;
export type BriefJson = z.infer<typeof briefSchema>;
export type InterfaceBriefJson = z.infer<typeof interfaceBriefSchema>;
export type VersionJson = z.infer<typeof versionSchema>;
