/**
 * `show ip nhrp summary`: how many NHRP cache entries there are, by type (IOS:
 * `IP NHRP cache 3 entries, 1590 bytes` / `    1 static  2 dynamic  0 incomplete`), and its JSON form.
 * The size is that of the entries' JSON form, a measure of this router's cache (IOS counts its structs).
 */
import { nhrpJson } from './nhrp.js';
import type { InterfaceState } from './state.js';
import type { NhrpCountsJson, NhrpSummaryJson } from '../api/schema/system.js';

/** Counts entries by type over every tunnel with NHRP. */
export function nhrpSummaryJson(interfaces: InterfaceState[]): NhrpSummaryJson {
  const per = nhrpJson(interfaces).interfaces.map((i) => ({
    name: i.name,
    entries: i.entries.length,
    bytes: i.entries.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0),
    static: i.entries.filter((e) => e.type === 'static').length,
    dynamic: i.entries.filter((e) => e.type === 'dynamic').length,
    incomplete: i.entries.filter((e) => e.type === 'incomplete' || e.type === 'negative').length,
  }));
  const sum = (k: keyof NhrpCountsJson): number => per.reduce((n, i) => n + i[k], 0);
  return {
    entries: sum('entries'),
    bytes: sum('bytes'),
    static: sum('static'),
    dynamic: sum('dynamic'),
    incomplete: sum('incomplete'),
    interfaces: per,
  };
}

/** `show ip nhrp summary` text. */
export function nhrpSummaryText(j: NhrpSummaryJson): string[] {
  return [
    `IP NHRP cache ${j.entries} ${j.entries === 1 ? 'entry' : 'entries'}, ${j.bytes} bytes`,
    `    ${j.static} static  ${j.dynamic} dynamic  ${j.incomplete} incomplete`,
  ];
}
