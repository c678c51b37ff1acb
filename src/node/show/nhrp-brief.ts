/**
 * `show ip nhrp brief`: one line per NHRP cache entry in IOS's brief layout
 * (`Target  Via  NBMA  Mode  Intfc  Claimed`), and its JSON form.
 */
import { left, nbmaText, right } from './format.js';
import { nhrpJson, type NhrpEntryJson } from './nhrp.js';
import type { InterfaceState } from './state.js';
import type { NhrpBriefJson } from '../api/schema/system.js';

/** `Tunnel0` → `Tu0`, `GigabitEthernet0/1` → `Gi0/1`, as IOS abbreviates in brief tables. */
export function shortName(name: string): string {
  const m = /^([A-Za-z]+)(.*)$/.exec(name);
  return m ? `${m[1].slice(0, 2)}${m[2]}` : name;
}

const unresolved = (e: NhrpEntryJson): boolean => e.type === 'incomplete' || e.type === 'negative';

/** Every entry of every tunnel with NHRP, in address order per tunnel. */
export function nhrpBriefJson(interfaces: InterfaceState[]): NhrpBriefJson {
  return {
    entries: nhrpJson(interfaces).interfaces.flatMap((i) =>
      i.entries.map((e) => ({
        target: e.network,
        via: unresolved(e) ? null : e.via,
        nbma: e.nbma,
        mode: e.type,
        interface: shortName(i.name),
        claimed: e.claimedNbma,
      })),
    ),
  };
}

/** `show ip nhrp brief` text. */
export function nhrpBriefText(j: NhrpBriefJson): string[] {
  const out = ['   Target             Via            NBMA           Mode   Intfc   Claimed'];
  for (const e of j.entries) {
    const claimed = e.claimed === null ? '<   >' : `< ${e.claimed} >`;
    // Columns under the header's words (Via at 22, NBMA 37, Mode 52, Intfc 59, Claimed 67); a longer value pushes the line.
    out.push(
      `${right(e.target, 18)}    ${left(e.via ?? '-', 15)}${left(e.nbma ? nbmaText(e.nbma) : 'UNKNOWN', 15)}${left(`${e.mode} `, 7)}${left(`${e.interface} `, 8)}${claimed}`,
    );
  }
  return out;
}
