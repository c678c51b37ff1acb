/** `show ip nhrp brief json`, `show ip nhrp summary json`, `show logging json`, `show clock json`. */
import { z } from 'zod/v4';
import { entryType, obj, orNull } from './common.js';

/** One row of `show ip nhrp brief`. */
export const nhrpBriefRowSchema = obj({
  target: z.string().describe('prefix/prefixLength'),
  via: orNull(z.string(), 'tunnel next hop; null for an incomplete or negative entry'),
  nbma: orNull(z.string(), 'NBMA address; null for an incomplete or negative entry (IOS UNKNOWN)'),
  mode: entryType,
  interface: z.string().describe('IOS short name, e.g. Tu0'),
  claimed: orNull(z.string(), 'the NBMA address the peer claimed when NAT changed it'),
});

/** The JSON form of `show ip nhrp brief`. */
export const nhrpBriefSchema = obj({ entries: z.array(nhrpBriefRowSchema).describe('every tunnel, address order') });

const counts = {
  entries: z.number().int(),
  bytes: z.number().int().describe("size of the entries' JSON form"),
  static: z.number().int(),
  dynamic: z.number().int(),
  incomplete: z.number().int().describe('incomplete entries, negative ones included (IOS counts both)'),
};

/** The JSON form of `show ip nhrp summary`: the totals, and per tunnel. */
export const nhrpSummarySchema = obj({
  ...counts,
  interfaces: z.array(obj({ name: z.string(), ...counts })),
});

/** The JSON form of `show ip nhrp multicast`: the NBMA addresses each tunnel sends multicast to. */
export const nhrpMulticastSchema = obj({
  entries: z.array(
    obj({
      interface: z.string(),
      nbma: z.string(),
      flags: z
        .enum(['static', 'nhs', 'dynamic'])
        .describe('static: ip nhrp map multicast X; nhs: ip nhrp nhs … multicast; dynamic: a registered peer'),
    }),
  ),
});

/** The JSON form of `show logging`. */
export const loggingSchema = obj({
  syslog: z.literal('enabled'),
  bufferLevel: z.literal('debugging'),
  bufferBytes: z.number().int(),
  messagesLogged: z.number().int().describe('syslog lines logged since the router started'),
  overwritten: z.number().int().describe('lines pushed out of the buffer by newer ones'),
  lines: z.array(z.string()).describe('the buffered lines, oldest first'),
});

/** The JSON form of `show clock`. */
export const clockSchema = obj({
  time: z.string().describe('ISO 8601, UTC'),
  timezone: z.literal('UTC'),
  authoritative: z.literal(false).describe("not set by NTP (IOS's leading *)"),
  text: z.string().describe('the IOS text'),
});

export type NhrpBriefRowJson = z.infer<typeof nhrpBriefRowSchema>;
export type NhrpBriefJson = z.infer<typeof nhrpBriefSchema>;
export type NhrpSummaryJson = z.infer<typeof nhrpSummarySchema>;
export type NhrpCountsJson = Omit<NhrpSummaryJson, 'interfaces'>;
export type NhrpMulticastJson = z.infer<typeof nhrpMulticastSchema>;
export type LoggingJson = z.infer<typeof loggingSchema>;
export type ClockJson = z.infer<typeof clockSchema>;
