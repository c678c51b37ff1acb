/**
 * IOS multicast lines: global `[no] ip multicast-routing`, `ip pim rp-address A [ACL] [override]`,
 * `ip pim spt-threshold infinity|KBPS`, and interface `ip pim sparse-mode|dense-mode|sparse-dense-mode`,
 * `ip pim nbma-mode`, `ip pim dr-priority N`, `ip pim query-interval N`, `ip igmp join-group G`,
 * `ip igmp version N`. Other `ip pim` / `ip igmp` options stay recognised and ignored (false returned).
 */
import { parseIpv4 } from '../../wire/ipv4-addr.js';
import type { Cmd } from './line.js';
import type { InterfaceConfig, RouterConfig } from './model.js';
import { newMulticast, newPimInterface, type MulticastConfig, type PimMode } from './multicast-model.js';

/** The multicast part of a config, created on first use. */
function multicastOf(config: RouterConfig): MulticastConfig {
  config.multicast ??= newMulticast();
  return config.multicast;
}

/** Removes `config.multicast` when nothing is left in it. */
function prune(config: RouterConfig): void {
  const m = config.multicast;
  if (m && !m.routing && m.rpAddresses.length === 0 && !m.sptInfinity) delete config.multicast;
}

/** A class D address (224.0.0.0-239.255.255.255). */
function group(cmd: Cmd, command: string): string {
  const at = cmd.pos;
  const g = cmd.ipv4(command, 'multicast group address');
  const v = parseIpv4(g)!;
  if (v >>> 28 !== 0xe) cmd.invalid(command, 'a multicast group address (224.0.0.0-239.255.255.255)', at);
  return g;
}

/**
 * Global `[no] ip multicast-routing …` and `[no] ip pim …`; `cmd` is positioned on the word after
 * `ip`. Returns false for options dmvpnd does not run (the caller ignores the line).
 */
export function multicastGlobalCommand(cmd: Cmd, config: RouterConfig, neg: boolean): boolean {
  const w = cmd.peek();
  if (w === 'multicast-routing') {
    cmd.pos++;
    // `distributed` (platforms with line cards) means nothing here
    cmd.accept('distributed');
    cmd.end('ip multicast-routing');
    multicastOf(config).routing = !neg;
    prune(config);
    return true;
  }
  if (w !== 'pim') return false;
  const start = cmd.pos;
  cmd.pos++;
  const opt = cmd.peek();
  if (opt === 'rp-address') {
    const C = 'ip pim rp-address';
    cmd.pos++;
    const address = cmd.ipv4(C, 'IP address of the rendezvous point');
    let acl: string | undefined;
    let override = false;
    while (cmd.left > 0) {
      if (cmd.accept('override')) override = true;
      else if (acl === undefined) acl = cmd.word(C, 'an access list (number or name) or override');
      else cmd.invalid(C, "'override' or end of line");
    }
    const m = multicastOf(config);
    m.rpAddresses = m.rpAddresses.filter((r) => !(r.address === address && r.acl === acl));
    if (!neg) m.rpAddresses.push({ address, ...(acl !== undefined ? { acl } : {}), override });
    prune(config);
    return true;
  }
  if (opt === 'spt-threshold') {
    const C = 'ip pim spt-threshold';
    cmd.pos++;
    let infinity = false;
    if (cmd.accept('infinity')) infinity = true;
    else cmd.uint(C, "'infinity' or a rate in kbit/s", 0, 4294967);
    // `group-list ACL` limits it to some groups: read, applied to all
    if (cmd.accept('group-list')) cmd.word(C, 'an access list');
    cmd.end(C);
    multicastOf(config).sptInfinity = !neg && infinity;
    prune(config);
    return true;
  }
  cmd.pos = start;
  return false;
}

/** Global-only `ip pim` options: typed unindented after an interface, they leave it (as on IOS). */
const GLOBAL_PIM = new Set([
  'rp-address',
  'spt-threshold',
  'ssm',
  'autorp',
  'send-rp-announce',
  'send-rp-discovery',
  'bsr-candidate',
  'rp-candidate',
  'register-source',
  'register-rate-limit',
  'accept-register',
  'accept-rp',
  'rp-announce-filter',
]);

/** True when `words` (lower case) are a global multicast line (`ip multicast-routing`, `ip pim rp-address` …). */
export function isGlobalMulticastLine(words: readonly string[]): boolean {
  const w = words[0] === 'no' ? words.slice(1) : words;
  return w[0] === 'ip' && (w[1] === 'multicast-routing' || (w[1] === 'pim' && GLOBAL_PIM.has(w[2] ?? '')));
}

const MODES: readonly PimMode[] = ['sparse-mode', 'dense-mode', 'sparse-dense-mode'];

/**
 * Interface `[no] ip pim …` and `[no] ip igmp …`; `cmd` is positioned on `pim` or `igmp`. Returns
 * false for options dmvpnd does not run (the caller ignores the line).
 */
export function multicastInterfaceCommand(cmd: Cmd, iface: InterfaceConfig, neg: boolean): boolean {
  const start = cmd.pos;
  const which = cmd.peek();
  cmd.pos++;
  const opt = cmd.peek();
  const p = iface.pim ?? newPimInterface();
  const done = (): true => {
    const empty =
      p.mode === undefined &&
      !p.nbmaMode &&
      p.drPriority === undefined &&
      p.helloInterval === undefined &&
      p.joinGroups.length === 0 &&
      p.igmpVersion === undefined;
    if (empty) delete iface.pim;
    else iface.pim = p;
    return true;
  };
  if (which === 'pim') {
    if (opt !== undefined && (MODES as readonly string[]).includes(opt)) {
      cmd.pos++;
      cmd.end(`ip pim ${opt}`);
      if (neg) delete p.mode;
      else p.mode = opt as PimMode;
      return done();
    }
    if (opt === 'nbma-mode') {
      cmd.pos++;
      cmd.end('ip pim nbma-mode');
      p.nbmaMode = !neg;
      return done();
    }
    if (opt === 'dr-priority' || opt === 'query-interval') {
      const C = `ip pim ${opt}`;
      cmd.pos++;
      const key = opt === 'dr-priority' ? 'drPriority' : 'helloInterval';
      if (neg) {
        delete p[key];
        cmd.pos = cmd.line.tokens.length;
      } else {
        p[key] = opt === 'dr-priority' ? cmd.uint(C, 'DR priority', 0, 4294967295) : cmd.uint(C, 'seconds', 1, 18724);
        cmd.end(C);
      }
      return done();
    }
  } else if (which === 'igmp') {
    if (opt === 'join-group') {
      const C = 'ip igmp join-group';
      cmd.pos++;
      const g = group(cmd, C);
      // `source S` (IGMPv3): read, the join stays (*,G)
      if (cmd.accept('source')) cmd.ipv4(C, 'source address');
      cmd.end(C);
      p.joinGroups = p.joinGroups.filter((x) => x !== g);
      if (!neg) p.joinGroups.push(g);
      return done();
    }
    if (opt === 'version') {
      const C = 'ip igmp version';
      cmd.pos++;
      if (neg) {
        delete p.igmpVersion;
        cmd.pos = cmd.line.tokens.length;
      } else {
        p.igmpVersion = cmd.uint(C, 'IGMP version', 1, 3) as 1 | 2 | 3;
        cmd.end(C);
      }
      return done();
    }
  }
  cmd.pos = start;
  return false;
}
