/** `show ip nhrp [detail] json`, `show ip nhrp nhs [detail] json`, `show ip nhrp traffic json`. */
import { z } from 'zod/v4';
import { byReason, entryFlag, entryOrigin, entryType, obj, orNull } from './common.js';

/** One cache entry. */
export const nhrpEntrySchema = obj({
  network: z.string().describe('prefix/prefixLength'),
  prefix: z.string(),
  prefixLength: z.number().int(),
  via: z.string().describe('the tunnel address it was learned for'),
  nbma: orNull(z.string(), 'NBMA address; null for an incomplete or negative entry'),
  claimedNbma: orNull(z.string(), 'the NBMA address the peer claimed, when NAT changed it'),
  type: entryType,
  flags: z.array(entryFlag),
  origin: entryOrigin,
  createdSec: z.number().describe('seconds since it was created'),
  expiresInSec: orNull(z.number(), 'seconds left; null: never expires'),
  group: orNull(z.string(), 'NHRP group of the peer (nhrp group)'),
  cacheHits: orNull(z.number().int(), 'packets that hit an incomplete entry'),
  preference: orNull(z.number().int(), 'entry preference (detail)'),
});

/** The JSON form of `show ip nhrp`. */
export const nhrpSchema = obj({
  interfaces: z.array(obj({ name: z.string(), entries: z.array(nhrpEntrySchema) })).describe('tunnels with NHRP'),
});

/** One NHS as a spoke sees it. */
export const nhsSchema = obj({
  address: z.string().describe("the NHS's tunnel address"),
  nbma: orNull(z.string(), "the NHS's NBMA address; null when not known yet"),
  state: z.enum(['down', 'probe', 'up']).describe('down, probe (registering, no reply yet) or up (registered)'),
  flags: z.string().describe('IOS letters: R responding, E expecting replies, W waiting'),
  priority: z.number().int(),
  cluster: z.number().int(),
  active: z.boolean().describe('registrations go to it (cluster max-connections)'),
  requestsSent: z.number().int(),
  requestsFailed: z.number().int(),
  repliesReceived: z.number().int(),
  lastReplySecAgo: orNull(z.number(), 'seconds since the last reply; null: none yet'),
  registrationExpiresInSec: orNull(z.number(), 'seconds left of the current registration; null: not registered'),
  natOutside: orNull(z.string(), 'our NBMA address as the NHS saw it, when NAT changed it'),
});

/** The JSON form of `show ip nhrp nhs`. */
export const nhsListSchema = obj({
  interfaces: z.array(obj({ name: z.string(), nhs: z.array(nhsSchema) })).describe('tunnels that have NHSs configured'),
});

/** Packets per NHRP type. */
const packetCounts = {
  resolutionRequest: z.number().int(),
  resolutionReply: z.number().int(),
  registrationRequest: z.number().int(),
  registrationReply: z.number().int(),
  purgeRequest: z.number().int(),
  purgeReply: z.number().int(),
  errorIndication: z.number().int(),
  trafficIndication: z.number().int(),
};

/** One tunnel's NHRP counters. */
export const nhrpTrafficInterfaceSchema = obj({
  name: z.string(),
  maxSend: obj({ count: z.number().int(), intervalSec: z.number(), usagePercent: z.number() }).describe(
    'ip nhrp max-send and how much of it is used',
  ),
  sent: obj({
    total: z.number().int(),
    ...packetCounts,
    redirectSuppress: z.number().int().describe('Traffic Indications held back by max-send'),
  }),
  received: obj({ total: z.number().int(), ...packetCounts }),
  dropped: obj({ total: z.number().int(), reasons: byReason }).describe('received packets dropped'),
});

/** The JSON form of `show ip nhrp traffic`. */
export const nhrpTrafficSchema = obj({ interfaces: z.array(nhrpTrafficInterfaceSchema).describe('tunnels with NHRP') });

export type NhrpEntryJson = z.infer<typeof nhrpEntrySchema>;
export type NhrpJson = z.infer<typeof nhrpSchema>;
export type NhsJson = z.infer<typeof nhsSchema>;
export type NhsListJson = z.infer<typeof nhsListSchema>;
export type NhrpTrafficInterfaceJson = z.infer<typeof nhrpTrafficInterfaceSchema>;
export type NhrpTrafficJson = z.infer<typeof nhrpTrafficSchema>;
