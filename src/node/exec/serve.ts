/**
 * The exec commands served over the control socket (../vty/server.ts), one per connection:
 *
 *   show …  [json]          every show command of src/node/show (IOS text, or JSON)
 *   configure [terminal]    the request's further lines are configuration lines, applied live
 *   debug nhrp              streams NHRP events and state changes until the client hangs up
 *   debug eigrp packets     streams EIGRP packets (and DUAL log lines) until the client hangs up
 *   clear ip nhrp           drops every dynamic NHRP cache entry
 *   clear crypto isakmp     deletes every IKEv1 SA (Deletes sent), its IPsec SAs with it
 *   clear crypto sa [peer A] | ikev2 sa [remote A] | session [remote A]   deletes IKE SAs and their ESP SAs
 *   debug crypto ikev2|isakmp|ipsec  streams IKEv2 / IKEv1 (ISAKMP) exchanges / IPsec SA events and ESP errors
 *   help                    lists the commands (from the tree in ./commands.ts)
 *
 * A command that fails answers `% …` (IOS style); nothing a client sends can stop the router.
 */
import type { ControlHandler, ControlRequest } from '../vty/server.js';
import { renderApplyResult } from '../config/apply-text.js';
import { describeError } from '../router/errors.js';
import type { Router } from '../router/router.js';
import { parseShow, renderShow, ShowError, type ShowState } from '../show/index.js';
import type { FrrShowData } from '../show/routing.js';
import type { ExecBackend } from './backend.js';
import { EIGRP_LINE, IKEV2_LINE, IPSEC_LINE, ISAKMP_LINE, nhrpDebugLine } from './debug-lines.js';
import { helpText, isShow, matchLine, type MatchedLine } from './commands.js';
import { parsePingOptions } from './ping-options.js';
import { canonicalIpv6 } from '../../wire/ipv6-addr.js';

/** The control-socket handler of `router`: the exec commands (`backend` adds ping, traceroute, write memory). */
export function execHandler(router: Router, backend?: ExecBackend): ControlHandler {
  return async (req) => {
    try {
      return await dispatch(router, req, backend);
    } catch (err) {
      return `% ${describeError(err)}\n`;
    }
  };
}

async function dispatch(router: Router, req: ControlRequest, backend?: ExecBackend): Promise<string | undefined> {
  const line = req.command;
  if (isShow(line)) return show(line, router);
  const m = matchLine(line, `${router.config.hostname}#`);
  if (!m.ok) return m.message;
  switch (m.id) {
    case 'help':
      return helpText();
    case 'clear ip nhrp':
      router.clearNhrp();
      return '';
    case 'clear crypto isakmp':
      router.clearIsakmp();
      return '';
    case 'configure':
    case 'configure terminal':
      return configure(router, req.input);
    case 'clear crypto sa':
    case 'clear crypto ikev2 sa':
    case 'clear crypto session':
      return clearCrypto(router, line);
    case 'debug crypto ikev2':
      return debug(router, req, 'IKEv2 default debugging is on', (l) => IKEV2_LINE.test(l));
    case 'debug crypto isakmp':
      return debug(router, req, 'Crypto ISAKMP debugging is on', (l) => ISAKMP_LINE.test(l));
    case 'debug crypto ipsec':
      return debug(router, req, 'Crypto IPSEC debugging is on', (l) => IPSEC_LINE.test(l));
    case 'debug nhrp':
      return debug(router, req, 'NHRP protocol debugging is on', nhrpDebugLine);
    case 'debug eigrp packets':
      return debug(router, req, 'EIGRP Packet debugging is on', (l) => EIGRP_LINE.test(l));
    case 'show':
      return show(line, router);
    case 'ping':
    case 'traceroute':
    case 'write memory':
    case 'copy running-config startup-config':
      if (backend) return oneShot(backend, m, req);
      break;
  }
  return `% ${m.id}: a command of the interactive session ("dmvpn-lab cli NODE" or ssh opens one)\n`;
}

/** ping, traceroute and write memory answered on one request (ping streams its marks as they come). */
async function oneShot(backend: ExecBackend, m: MatchedLine, req: ControlRequest): Promise<string> {
  if (m.id === 'write memory' || m.id === 'copy running-config startup-config') return backend.writeMemory();
  const stop = new AbortController();
  void req.closed.then(() => stop.abort());
  const write = (t: string): void => void req.write(t);
  if (m.id === 'traceroute') await backend.traceroute(m.args.target!, write, stop.signal);
  else {
    const o = parsePingOptions(m.rest);
    if (typeof o === 'string') return o;
    await backend.ping(m.args.target!, o, write, stop.signal);
  }
  return '';
}

/** A show command's answer: IOS text, pretty JSON, or the IOS error (line, caret under it, `%` message). */
export async function show(line: string, router: Router): Promise<string> {
  const state = router.showState();
  await addFrrData(line, router, state);
  const r = renderShow(line, state);
  if (r instanceof ShowError) return r.output;
  return 'json' in r ? `${JSON.stringify(r.json, null, 2)}\n` : r.text;
}

/** Applies the lines; the answer is empty when all took effect, else IOS-style errors and notes. */
async function configure(router: Router, lines: string[]): Promise<string> {
  if (lines.every((l) => l.trim() === ''))
    return '% configure: no configuration lines (send them after the command line)\n';
  const { apply, problems } = await router.configure(lines);
  const refused = apply.errors.length;
  const head = refused > 0 ? `% ${refused} line${refused === 1 ? '' : 's'} refused; the other lines took effect\n` : '';
  const kernel = problems.length > 0 ? `${problems.map((p) => (p.startsWith('%') ? p : `% ${p}`)).join('\n')}\n` : '';
  return head + renderApplyResult(apply) + kernel;
}

/** `clear crypto sa [peer A]`, `clear crypto ikev2 sa [remote A]`, `clear crypto session [remote A]`. */
function clearCrypto(router: Router, line: string): string {
  const words = line.trim().split(/\s+/);
  const at = words.findIndex((w) => /^(pe|peer|r|re|rem|remo|remot|remote)$/i.test(w));
  const given = at >= 0 ? words[at + 1] : undefined;
  // an IPv6 peer (IPsec over an IPv6 NBMA) as the SAs know it: canonical text
  const peer = given?.includes(':') ? canonicalIpv6(given) : given;
  if (at >= 0 && (peer === undefined || !(/^\d+\.\d+\.\d+\.\d+$/.test(peer) || peer.includes(':'))))
    return `% ${words.slice(0, at + 1).join(' ')}: an IPv4 or IPv6 address follows\n`;
  const n = router.clearCrypto(peer);
  return n === 0 && peer !== undefined ? `% no crypto session with ${peer}\n` : '';
}

/** Streams the debug lines that `wanted` keeps until the client hangs up. */
function debug(router: Router, req: ControlRequest, banner: string, wanted: (line: string) => boolean): undefined {
  req.write(`${banner}\n`);
  const off = router.log.subscribe((l) => {
    if (!wanted(l)) return;
    if (!req.write(`${l}\n`)) off();
  });
  void req.closed.then(off);
  return undefined;
}

/** vtysh commands each routing show needs from the FRR daemons. */
const FRR_QUERIES: Record<string, Array<[keyof Omit<FrrShowData, 'daemons'>, string]>> = {
  ospfNeighbor: [['ospfNeighbors', 'show ip ospf neighbor json']],
  ospfInterface: [['ospfInterfaces', 'show ip ospf interface json']],
  ospfInterfaceBrief: [['ospfInterfaces', 'show ip ospf interface json']],
  bgpSummary: [['bgpSummary', 'show ip bgp summary json']],
  bgp: [['bgp', 'show ip bgp json']],
  bgp6Summary: [['bgpSummary', 'show bgp ipv6 unicast summary json']],
  bgp6: [['bgp', 'show bgp ipv6 unicast json']],
  ripDatabase: [['routes', 'show ip route json']],
  ipProtocols: [],
  ipv6Protocols: [],
  pimNeighbor: [
    ['pimNeighbors', 'show ip pim neighbor json'],
    ['pimInterfaces', 'show ip pim interface json'],
  ],
  pimInterface: [['pimInterfaces', 'show ip pim interface json']],
  mroute: [
    ['mroutes', 'show ip mroute json'],
    ['pimRpInfo', 'show ip pim rp-info json'],
    ['pimUpstream', 'show ip pim upstream-rpf json'],
  ],
  igmpGroups: [['igmpGroups', 'show ip igmp groups json']],
  ipv6OspfNeighbor: [['ospf6Neighbors', 'show ipv6 ospf6 neighbor json']],
  ipv6RipDatabase: [['routes6', 'show ipv6 route json']],
};

/** Fetches the daemons' JSON a routing show command reads (nothing when FRR does not run). */
async function addFrrData(line: string, router: Router, state: ShowState): Promise<void> {
  const frr = router.frr;
  if (!frr || frr.daemons().length === 0) return;
  let id: string;
  try {
    id = parseShow(line, '#').id;
  } catch {
    return;
  }
  const queries = FRR_QUERIES[id];
  if (!queries) return;
  const data: FrrShowData = { daemons: frr.daemons() };
  for (const [key, command] of queries) {
    try {
      data[key] = JSON.parse(await frr.vtysh(command));
    } catch {
      // the daemon is (re)starting: show what is known
    }
  }
  state.frr = data;
}
