/**
 * What the checks ask routers, through their control sockets only (the client of src/node/api): the
 * JSON forms of `show ip nhrp nhs`, `show ip nhrp`, `show ip route`, `show running-config`, and
 * `configure`. The shapes read are the documented ones (docs/show-json.md).
 */
import { controlJson, sendControl } from '../../node/api/index.js';
import type { NhrpJson, NhsListJson, RouteTableJson, RunningConfigJson } from '../../node/api/index.js';
import { readStartupConfigs } from '../startup-configs.js';

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
  /** The route kind's name: connected, static, nhrp, ospf, bgp, eigrp, rip … */
  protocol?: string;
  nextHop: string | null;
  interface: string | null;
  /** Administrative distance; null for connected and local routes. */
  distance: number | null;
}

/** `show ip nhrp nhs json` (`show ipv6 nhrp nhs json` for family 6): the NHSs of every tunnel. */
export async function readNhs(control: string, family: 4 | 6 = 4): Promise<NhsRow[]> {
  const command = family === 6 ? 'show ipv6 nhrp nhs' : 'show ip nhrp nhs';
  const json = (await controlJson(control, command, 3000)) as NhsListJson;
  return json.interfaces.flatMap((i) =>
    i.nhs.map(
      (n): NhsRow => ({
        address: n.address,
        nbma: n.nbma,
        state: n.state,
        up: n.state === 'up',
        natOutside: n.natOutside,
        requestsSent: n.requestsSent,
        repliesReceived: n.repliesReceived,
      }),
    ),
  );
}

/** `show ip nhrp json`: the cache entries of every tunnel. */
export async function readCache(control: string): Promise<CacheRow[]> {
  const json = (await controlJson(control, 'show ip nhrp', 3000)) as NhrpJson;
  return json.interfaces.flatMap((i) =>
    i.entries.map(
      (e): CacheRow => ({
        prefix: e.prefix,
        prefixLength: e.prefixLength,
        nbma: e.nbma,
        claimedNbma: e.claimedNbma,
        type: e.type,
        flags: [...e.flags],
        expiresInSec: e.expiresInSec,
      }),
    ),
  );
}

/** `show ip route json`: the routing table. */
export async function readRoutes(control: string): Promise<RouteRow[]> {
  const json = (await controlJson(control, 'show ip route', 3000)) as RouteTableJson;
  return json.routes.map((r) => ({
    prefix: r.prefix,
    prefixLength: r.prefixLength,
    code: r.code,
    protocol: r.protocol,
    nextHop: r.nextHop,
    interface: r.interface,
    distance: r.distance,
  }));
}

/**
 * The running configuration (`show running-config json`). When the router does not answer, its
 * startup-config copy as dmvpnd reads it (`dmvpnd --check-config FILE --json`); else the error.
 */
export async function readRunningConfig(control: string, startupCopy: string | undefined): Promise<RunningConfigJson> {
  try {
    return (await controlJson(control, 'show running-config', 5000)) as RunningConfigJson;
  } catch (err) {
    const parsed = startupCopy === undefined ? undefined : checkConfig(startupCopy);
    if (parsed === undefined) throw err;
    return parsed;
  }
}

/**
 * When the lab's configuration last changed, on this machine's clock (ms since 1970): the most recent
 * change of any router, each router's age counted back from `readAtMs` (the end of the read). Undefined
 * when a router does not say (an older router, or a configuration read from its file).
 */
export function lastChangeOf(configs: readonly RunningConfigJson[], readAtMs: number): number | undefined {
  let latest = Number.NEGATIVE_INFINITY;
  for (const c of configs) {
    if (c.lastChange === undefined) return undefined;
    latest = Math.max(latest, readAtMs - c.lastChange.agoMs);
  }
  return configs.length === 0 ? undefined : latest;
}

function checkConfig(file: string): RunningConfigJson | undefined {
  try {
    return readStartupConfigs([file])[0]?.config;
  } catch {
    return undefined;
  }
}

/** Applies IOS configuration lines live (`configure` + lines); throws with the router's answer when a line is refused or ignored (warnings pass). */
export async function configure(control: string, lines: string[]): Promise<string> {
  const answer = await sendControl(control, 'configure', lines, undefined, 5000);
  if (/^%(?!Warning)/m.test(answer))
    throw new Error(`configure refused: ${answer.trim().split('\n').slice(0, 4).join(' | ')}`);
  return answer;
}

/** `clear ip nhrp`: drops the dynamic (resolved) entries and their shortcut routes. */
export async function clearNhrp(control: string): Promise<string> {
  return sendControl(control, 'clear ip nhrp', [], undefined, 3000);
}
