/** `show ip nhrp nhs [detail]`: the NHSs of each tunnel, their IOS status letters and request counters. */
import type { NhsSnapshot } from '../../nhrp/snapshot.js';
import { iosTime, nbmaText } from './format.js';
import type { InterfaceState } from './state.js';
import type { NhsJson, NhsListJson } from '../api/schema/nhrp.js';

export type { NhsJson, NhsListJson };

function nhsJson(n: NhsSnapshot): NhsJson {
  return {
    address: n.protocol,
    nbma: n.nbma,
    state: n.state,
    flags: n.flags,
    priority: n.priority,
    cluster: n.cluster,
    active: n.active,
    requestsSent: n.requestsSent,
    requestsFailed: n.requestsFailed,
    repliesReceived: n.repliesReceived,
    lastReplySecAgo: n.lastReplySecAgo,
    registrationExpiresInSec: n.registrationExpiresInSec,
    natOutside: n.natOutside ?? null,
  };
}

/** Tunnels that have NHSs configured, with them. */
export function nhsListJson(interfaces: InterfaceState[]): NhsListJson {
  return {
    interfaces: interfaces.flatMap((i) =>
      i.snapshot && i.snapshot.nhs.length > 0 ? [{ name: i.config.name, nhs: i.snapshot.nhs.map(nhsJson) }] : [],
    ),
  };
}

/** One NHS line: `172.16.123.1  RE NBMA Address: 192.168.123.1 priority = 0 cluster = 0`, counters added in detail. */
export function nhsLine(n: NhsJson, detail: boolean): string {
  let line = `${n.address}  ${n.flags === '' ? '' : `${n.flags} `}NBMA Address: ${n.nbma === null || n.nbma === undefined ? 'unknown' : nbmaText(n.nbma)} priority = ${n.priority} cluster = ${n.cluster}`;
  if (detail) {
    line += `  req-sent ${n.requestsSent}  req-failed ${n.requestsFailed}  repl-recv ${n.repliesReceived}`;
    if (n.lastReplySecAgo !== null) line += ` (${iosTime(n.lastReplySecAgo)} ago)`;
  }
  return line;
}

/** `show ip nhrp nhs [detail]` text. */
export function nhsText(json: NhsListJson, detail: boolean): string[] {
  const out = ['Legend: E=Expecting replies, R=Responding, W=Waiting'];
  for (const i of json.interfaces) {
    out.push(`${i.name}:`);
    for (const n of i.nhs) out.push(nhsLine(n, detail));
  }
  return out;
}
