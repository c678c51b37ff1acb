/** `show ip nhrp [detail]`: the NHRP cache of each tunnel in the IOS 15 layout, and its JSON form. */
import type { CacheFlag } from '../../nhrp/actions.js';
import { iosTime, nbmaText } from './format.js';
import type { EntryView, InterfaceState } from './state.js';
import type { NhrpEntryJson, NhrpJson } from '../api/schema/nhrp.js';

export type { NhrpEntryJson, NhrpJson };

/** The order IOS prints flags in. */
const FLAG_ORDER: CacheFlag[] = ['router', 'unique', 'nat', 'registered', 'implicit', 'local', 'used', 'nhop', 'rib'];

function entryJson(e: EntryView): NhrpEntryJson {
  return {
    network: `${e.protocol}/${e.prefixLength}`,
    prefix: e.protocol,
    prefixLength: e.prefixLength,
    via: e.via,
    nbma: e.nbma === '' ? null : e.nbma,
    claimedNbma: e.claimedNbma ?? null,
    type: e.type,
    flags: FLAG_ORDER.filter((f) => e.flags.includes(f)),
    origin: e.origin,
    createdSec: e.ageSec,
    expiresInSec: e.expiresInSec,
    group: e.group ?? null,
    cacheHits: e.cacheHits ?? null,
    preference: e.preference ?? null,
  };
}

/** Tunnels with NHRP and their cache entries, in address order. */
export function nhrpJson(interfaces: InterfaceState[]): NhrpJson {
  return {
    interfaces: interfaces.flatMap((i) =>
      i.snapshot ? [{ name: i.config.name, entries: i.snapshot.cache.map(entryJson) }] : [],
    ),
  };
}

const incomplete = (e: NhrpEntryJson) => e.type === 'incomplete' || e.type === 'negative';

/** The lines of one entry; `detail` adds what IOS adds, and the origin (a dmvpnd extension). */
export function entryLines(name: string, e: NhrpEntryJson, detail: boolean): string[] {
  const out = [incomplete(e) ? e.network : `${e.network} via ${e.via}`];
  const expiry = e.expiresInSec === null ? 'never expire' : `expire ${iosTime(e.expiresInSec)}`;
  out.push(`   ${name} created ${iosTime(e.createdSec)}, ${expiry}`);
  if (incomplete(e)) {
    out.push(`   Type: incomplete, Flags: ${['negative', ...e.flags].join(' ')}`);
    if (e.cacheHits !== null) out.push(`   Cache hits: ${e.cacheHits}`);
  } else {
    out.push(`   Type: ${e.type}, Flags: ${e.flags.join(' ')}`);
    out.push(`   NBMA address: ${nbmaText(e.nbma ?? '')}`);
    if (e.claimedNbma !== null) out.push(`    (Claimed NBMA address: ${nbmaText(e.claimedNbma)})`);
    if (e.group !== null) out.push(`   Group: ${e.group}`);
  }
  if (detail) {
    if (e.preference !== null) out.push(`   Preference: ${e.preference}`);
    out.push(`   Origin: ${e.origin}`);
  }
  return out;
}

/** `show ip nhrp [detail]` text. */
export function nhrpText(json: NhrpJson, detail: boolean): string[] {
  return json.interfaces.flatMap((i) => i.entries.flatMap((e) => entryLines(i.name, e, detail)));
}
