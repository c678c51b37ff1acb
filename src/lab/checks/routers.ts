/**
 * What the checks ask routers, through their control sockets only (src/lab/control.ts): the JSON forms
 * of `show ip nhrp nhs`, `show ip nhrp`, `show ip route`, the running configuration, `configure`.
 */
import { readFileSync } from 'node:fs';
import { controlCommand, controlJson } from '../control.js';

/** One NHS as a spoke sees it. */
export interface NhsRow {
  /** The NHS's tunnel address. */
  address: string;
  nbma: string | null;
  /** down, probe or up. */
  state: string;
  up: boolean;
  /** This spoke's NBMA address as the NHS saw it, when NAT changed it. */
  natOutside: string | null;
  requestsSent: number | null;
  repliesReceived: number | null;
}

/** One NHRP cache entry. */
export interface CacheRow {
  prefix: string;
  prefixLength: number;
  nbma: string | null;
  claimedNbma: string | null;
  type: string;
  flags: string[];
  expiresInSec: number | null;
}

/** One route of `show ip route`. */
export interface RouteRow {
  prefix: string;
  prefixLength: number;
  /** IOS code: C, L, S, H (NHRP shortcut) … */
  code: string;
  nextHop: string | null;
  interface: string | null;
  /** Administrative distance; null for connected and local routes. */
  distance: number | null;
}

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as Obj[]) : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** `show ip nhrp nhs json`: the NHSs of every tunnel. */
export async function readNhs(control: string): Promise<NhsRow[]> {
  const json = (await controlJson(control, 'show ip nhrp nhs', 3000)) as Obj;
  return list(json.interfaces).flatMap((i) =>
    list(i.nhs).map((n): NhsRow => {
      const state = str(n.state) ?? '';
      return {
        address: str(n.address) ?? '',
        nbma: str(n.nbma),
        state,
        up: /^(up|r|re|responding)$/i.test(state),
        natOutside: str(n.natOutside),
        requestsSent: num(n.requestsSent),
        repliesReceived: num(n.repliesReceived),
      };
    }),
  );
}

/** `show ip nhrp json`: the cache entries of every tunnel. */
export async function readCache(control: string): Promise<CacheRow[]> {
  const json = (await controlJson(control, 'show ip nhrp', 3000)) as Obj;
  return list(json.interfaces).flatMap((i) =>
    list(i.entries).map((e): CacheRow => ({
      prefix: str(e.prefix) ?? '',
      prefixLength: num(e.prefixLength) ?? 32,
      nbma: str(e.nbma),
      claimedNbma: str(e.claimedNbma),
      type: str(e.type) ?? '',
      flags: Array.isArray(e.flags) ? e.flags.filter((f): f is string => typeof f === 'string') : [],
      expiresInSec: num(e.expiresInSec),
    })),
  );
}

/** `show ip route json`: the routing table. */
export async function readRoutes(control: string): Promise<RouteRow[]> {
  const json = (await controlJson(control, 'show ip route', 3000)) as Obj;
  return list(json.routes).map((r) => ({
    prefix: str(r.prefix) ?? '',
    prefixLength: num(r.prefixLength) ?? 0,
    code: str(r.code) ?? '',
    nextHop: str(r.nextHop),
    interface: str(r.interface),
    distance: num(r.distance),
  }));
}

/** The running configuration (`show running-config`); the startup-config copy when the router does not answer it. */
export async function readRunningConfig(control: string, startupCopy: string | undefined): Promise<string> {
  const text = await controlCommand(control, 'show running-config', 5000).catch(() => '');
  if (/^\s*(hostname|interface)\s/m.test(text)) return text;
  return startupCopy === undefined ? text : readFileSync(startupCopy, 'utf8');
}

/** Applies IOS configuration lines live (`configure` + lines); throws with the router's answer when a line is refused or ignored (warnings pass). */
export async function configure(control: string, lines: string[]): Promise<string> {
  const answer = await controlCommand(control, ['configure', ...lines].join('\n'), 5000);
  if (/^%(?!Warning)/m.test(answer)) throw new Error(`configure refused: ${answer.trim().split('\n').slice(0, 4).join(' | ')}`);
  return answer;
}

/** `clear ip nhrp`: drops the dynamic (resolved) entries and their shortcut routes. */
export async function clearNhrp(control: string): Promise<string> {
  return controlCommand(control, 'clear ip nhrp', 3000);
}
