/**
 * EIGRP configuration lines: `router eigrp AS|NAME` with its sub-modes (named mode's address-family,
 * af-interface and topology base), `key chain` blocks, and the interface lines `ip … eigrp AS`,
 * `bandwidth`, `delay`. What they mean is in eigrp-model.ts.
 */
import type { Cmd } from './line.js';
import {
  newEigrpProcess,
  type EigrpIfSettings,
  type EigrpMetricSettings,
  type EigrpProcessConfig,
  type KeyChain,
} from './eigrp-model.js';
import type { InterfaceConfig } from './model.js';
import { parseInterfaceName } from './names.js';
import { ipv6PrefixWord } from './routing/ipv6-prefix.js';
import type { Block, Session } from './session.js';

/** Words of the `router eigrp` sub-modes (for typed-in, unindented lines). */
const ROUTER_WORDS = new Set([
  'network',
  'auto-summary',
  'eigrp',
  'passive-interface',
  'redistribute',
  'variance',
  'maximum-paths',
  'shutdown',
  'address-family',
  'exit-address-family',
  'af-interface',
  'exit-af-interface',
  'topology',
  'exit-af-topology',
  'split-horizon',
  'next-hop-self',
  'summary-address',
  'hello-interval',
  'hold-time',
  'authentication',
  'add-paths',
]);
/** `router eigrp` commands recognised but not acted on: reported as ignored, not refused. */
const UNSUPPORTED_WORDS = new Set([
  'metric',
  'timers',
  'distance',
  'default-metric',
  'offset-list',
  'distribute-list',
  'neighbor',
  'nsf',
  'bfd',
  'summary-metric',
  'traffic-share',
  'default-information',
  'af-interface-bandwidth-percent',
  'bandwidth-percent',
  'dampening-change',
  'dampening-interval',
]);
for (const w of UNSUPPORTED_WORDS) ROUTER_WORDS.add(w);

/** Words an af-interface block takes. */
const AF_IF_WORDS = new Set([
  'split-horizon',
  'next-hop-self',
  'summary-address',
  'hello-interval',
  'hold-time',
  'authentication',
  'passive-interface',
  'add-paths',
]);
/** Interface `ip WORD … eigrp AS` commands. */
export const EIGRP_IF_WORDS = new Set([
  'split-horizon',
  'next-hop-self',
  'summary-address',
  'hello-interval',
  'hold-time',
  'authentication',
]);

const leavesWords = (words: string[]): boolean => {
  const w = words[0] === 'no' ? words.slice(1) : words;
  return (
    ['interface', 'hostname', 'router', 'key', 'crypto'].includes(w[0] ?? '') || (w[0] === 'ip' && w[1] === 'route')
  );
};

/** `router eigrp AS` or `router eigrp NAME` (cmd at `router`). */
export function routerEigrpCommand(cmd: Cmd, s: Session, neg: boolean): void {
  cmd.pos += 2;
  const C = 'router eigrp';
  const id = cmd.word(C, 'an autonomous system number 1-65535 or a process name');
  cmd.end(C);
  const named = !/^[0-9]+$/.test(id);
  if (!named && !(Number(id) >= 1 && Number(id) <= 65535)) cmd.invalid(C, 'an autonomous system number 1-65535', 2);
  s.config.eigrp ??= [];
  const list = s.config.eigrp;
  const idx = list.findIndex((p) => (named ? p.name === id : p.name === undefined && p.as === Number(id)));
  if (neg) {
    if (idx >= 0) list.splice(idx, 1);
    if (list.length === 0) delete s.config.eigrp;
    if (named) dropProcess(s, 'eigrp6', (p) => p.name === id);
    return;
  }
  let proc: EigrpProcessConfig | undefined = list[idx];
  if (!proc && named) proc = s.config.eigrp6?.find((p) => p.name === id);
  if (!proc) {
    proc = named ? newEigrpProcess(0, id) : newEigrpProcess(Number(id));
    list.push(proc);
  }
  if (list.length === 0) delete s.config.eigrp;
  s.open(routerBlock(proc, cmd.line.indent, s.config.eigrp6?.includes(proc) ?? false));
}

/** Removes the processes of one family's list that `match`; the list goes when empty. */
export function dropProcess(s: Session, key: 'eigrp' | 'eigrp6', match: (p: EigrpProcessConfig) => boolean): void {
  const list = s.config[key];
  if (!list) return;
  const rest = list.filter((p) => !match(p));
  if (rest.length > 0) s.config[key] = rest;
  else delete s.config[key];
}

/**
 * The sub-mode of one process: classic `router eigrp AS` / `ipv6 router eigrp AS`, or named mode, where
 * `address-family ipv4|ipv6` picks the process (of that family, with the same name) later lines set.
 */
export function routerBlock(first: EigrpProcessConfig, indent: number, firstV6: boolean): Block {
  let afIf: string | undefined;
  let proc = first;
  let v6 = firstV6;
  return {
    indent,
    accepts: (words) => ROUTER_WORDS.has((words[0] === 'no' ? words[1] : words[0]) ?? ''),
    leaves: leavesWords,
    line: (cmd: Cmd, s: Session) => {
      const neg = cmd.accept('no');
      const a = cmd.peek();
      if (a === undefined) cmd.incomplete('no', 'a command to negate');
      if (UNSUPPORTED_WORDS.has(a)) {
        s.ignore(cmd.line, `not supported, ignored (EIGRP ${a})`, 'unsupported', 'router eigrp');
        return;
      }
      if (a === 'exit-af-interface' || (a === 'exit' && afIf !== undefined)) {
        afIf = undefined;
        return;
      }
      if (a === 'exit-address-family' || a === 'exit-af-topology' || a === 'exit') return;
      if (a === 'topology') {
        cmd.pos++;
        cmd.keyword('topology', ['base']);
        cmd.end('topology');
        return;
      }
      if (a === 'address-family') {
        const af = addressFamily(cmd, s, proc);
        proc = af.proc;
        v6 = af.v6;
        afIf = undefined;
        return;
      }
      if (a === 'af-interface') {
        cmd.pos++;
        const name = cmd.word('af-interface', 'an interface name or default');
        cmd.end('af-interface');
        if (name.toLowerCase() === 'default') afIf = 'default';
        else {
          const p = parseInterfaceName(name);
          if (!p.ok) cmd.invalid('af-interface', p.expected, 1);
          afIf = p.name;
        }
        return;
      }
      if (afIf !== undefined && AF_IF_WORDS.has(a)) {
        proc.afInterfaces[afIf] ??= {};
        const set = proc.afInterfaces[afIf];
        if (a === 'passive-interface') {
          cmd.pos++;
          cmd.end('passive-interface');
          set.passive = !neg;
          return;
        }
        return ifSetting(cmd, set, neg, a, false, v6);
      }
      if (v6 && a === 'network')
        cmd.invalid('router eigrp', 'an EIGRP for IPv6 command (interfaces join with ipv6 eigrp AS)');
      processCommand(cmd, proc, neg, a);
    },
  };
}

/**
 * Named mode `address-family ipv4|ipv6 [unicast] autonomous-system AS`: the process of that family with
 * the block's name (created for IPv6; an IPv4 one never given an AS is dropped then).
 */
function addressFamily(cmd: Cmd, s: Session, cur: EigrpProcessConfig): { proc: EigrpProcessConfig; v6: boolean } {
  const C = 'address-family';
  cmd.pos++;
  const fam = cmd.keyword(C, ['ipv4', 'ipv6']);
  cmd.accept('unicast');
  cmd.keyword(C, ['autonomous-system']);
  const as = cmd.uint(C, 'autonomous system', 1, 65535);
  cmd.end(C);
  const name = cur.name;
  if (fam === 'ipv4') {
    let p = s.config.eigrp?.find((x) => x.name === name);
    if (!p) {
      p = newEigrpProcess(as, name);
      s.config.eigrp = [...(s.config.eigrp ?? []), p];
    }
    p.as = as;
    return { proc: p, v6: false };
  }
  dropProcess(s, 'eigrp', (x) => x.name === name && x.as === 0);
  let p = s.config.eigrp6?.find((x) => x.name === name);
  if (!p) {
    p = newEigrpProcess(as, name);
    s.config.eigrp6 = [...(s.config.eigrp6 ?? []), p];
  }
  p.as = as;
  return { proc: p, v6: true };
}

function processCommand(cmd: Cmd, proc: EigrpProcessConfig, neg: boolean, a: string): void {
  cmd.pos++;
  switch (a) {
    case 'network': {
      const address = cmd.ipv4('network', 'network number');
      const wildcard = cmd.left > 0 ? cmd.ipv4('network', 'wildcard mask') : undefined;
      cmd.end('network');
      const same = (n: { address: string; wildcard?: string }): boolean =>
        n.address === address && n.wildcard === wildcard;
      proc.networks = proc.networks.filter((n) => !same(n));
      if (!neg) proc.networks.push(wildcard === undefined ? { address } : { address, wildcard });
      return;
    }
    case 'auto-summary':
      cmd.end('auto-summary');
      proc.autoSummary = !neg;
      return;
    case 'shutdown':
      cmd.end('shutdown');
      proc.shutdown = !neg;
      return;
    case 'eigrp':
      eigrpWord(cmd, proc, neg);
      return;
    case 'passive-interface': {
      const w = cmd.word('passive-interface', 'an interface name or default');
      cmd.end('passive-interface');
      if (w.toLowerCase() === 'default') {
        proc.passiveDefault = !neg;
        proc.activeInterfaces = [];
        proc.passiveInterfaces = [];
        return;
      }
      const p = parseInterfaceName(w);
      if (!p.ok) cmd.invalid('passive-interface', p.expected, 1);
      proc.passiveInterfaces = proc.passiveInterfaces.filter((x) => x !== p.name);
      proc.activeInterfaces = proc.activeInterfaces.filter((x) => x !== p.name);
      if (neg && proc.passiveDefault) proc.activeInterfaces.push(p.name);
      if (!neg && !proc.passiveDefault) proc.passiveInterfaces.push(p.name);
      return;
    }
    case 'redistribute': {
      const what = cmd.keyword('redistribute', ['static', 'connected']);
      if (neg) {
        cmd.pos = cmd.line.tokens.length;
        delete proc.redistribute[what];
        return;
      }
      const metric = cmd.accept('metric') ? readMetric(cmd) : undefined;
      cmd.end('redistribute');
      proc.redistribute[what] = metric ? { metric } : {};
      return;
    }
    case 'variance':
      if (neg) delete proc.variance;
      else proc.variance = cmd.uint('variance', 'metric variance multiplier', 1, 128);
      cmd.end('variance');
      return;
    case 'maximum-paths':
      if (neg) delete proc.maximumPaths;
      else proc.maximumPaths = cmd.uint('maximum-paths', 'number of paths', 1, 32);
      cmd.end('maximum-paths');
      return;
  }
  cmd.invalid(
    'router eigrp',
    'an EIGRP router command (network, eigrp, passive-interface, redistribute …)',
    cmd.pos - 1,
  );
}

function readMetric(cmd: Cmd): EigrpMetricSettings {
  const C = 'redistribute metric';
  return {
    bandwidth: cmd.uint(C, 'bandwidth (kbit/s)', 1, 4294967295),
    delay: cmd.uint(C, 'delay (tens of microseconds)', 0, 4294967295),
    reliability: cmd.uint(C, 'reliability', 0, 255),
    load: cmd.uint(C, 'load', 1, 255),
    mtu: cmd.uint(C, 'MTU', 1, 65535),
  };
}

function eigrpWord(cmd: Cmd, proc: EigrpProcessConfig, neg: boolean): void {
  const w = cmd.keyword('eigrp', ['router-id', 'stub', 'log-neighbor-changes', 'log-neighbor-warnings']);
  if (w === 'router-id') {
    if (neg) delete proc.routerId;
    else proc.routerId = cmd.ipv4('eigrp router-id', 'router ID');
    cmd.end('eigrp router-id');
    return;
  }
  if (w === 'stub') {
    if (neg) {
      delete proc.stub;
      cmd.pos = cmd.line.tokens.length;
      return;
    }
    const stub = { connected: false, summary: false, static: false, redistributed: false, receiveOnly: false };
    const keys = {
      connected: 'connected',
      summary: 'summary',
      static: 'static',
      redistributed: 'redistributed',
      'receive-only': 'receiveOnly',
    } as const;
    while (cmd.left > 0) stub[keys[cmd.keyword('eigrp stub', Object.keys(keys) as Array<keyof typeof keys>)]] = true;
    if (!Object.values(stub).some(Boolean)) stub.connected = stub.summary = true;
    proc.stub = stub;
    return;
  }
  // log-neighbor-changes is on by default and always logged; the line is taken as is
  cmd.pos = cmd.line.tokens.length;
}

/**
 * One per-interface setting after its keyword (`split-horizon`, `hello-interval`, …). `classic`:
 * the interface form, where `eigrp AS` follows the keyword (already consumed by the caller).
 */
export function ifSetting(cmd: Cmd, set: EigrpIfSettings, neg: boolean, a: string, classic: boolean, v6 = false): void {
  cmd.pos++;
  if (classic && a !== 'authentication') cmd.pos += 2;
  switch (a) {
    case 'split-horizon':
      cmd.end(a);
      set.splitHorizon = !neg;
      return;
    case 'next-hop-self': {
      // named mode: `no next-hop-self no-ecmp-mode`
      const ecmp = !classic && cmd.accept('no-ecmp-mode');
      cmd.end(a);
      set.nextHopSelf = !neg;
      if (neg && ecmp) set.noEcmpMode = true;
      else delete set.noEcmpMode;
      return;
    }
    case 'add-paths':
      if (neg) delete set.addPaths;
      else set.addPaths = cmd.uint(a, 'number of paths', 1, 4);
      cmd.end(a);
      return;
    case 'hello-interval':
    case 'hold-time': {
      const key = a === 'hello-interval' ? 'helloInterval' : 'holdTime';
      if (neg) delete set[key];
      else set[key] = cmd.uint(a, 'seconds', 1, 65535);
      cmd.end(a);
      return;
    }
    case 'summary-address': {
      const p6 = v6 ? ipv6PrefixWord(cmd, a) : undefined;
      const prefix = p6 ? p6.address : cmd.ipv4(a, 'summary prefix');
      const prefixLength = p6
        ? p6.prefixLength
        : cmd.nextLooksLikeIpv4()
          ? cmd.mask(a)
          : cmd.uint(a, 'prefix length', 0, 32);
      if (cmd.left > 0) cmd.uint(a, 'administrative distance', 1, 255);
      cmd.end(a);
      const rest = (set.summaries ?? []).filter((x) => !(x.prefix === prefix && x.prefixLength === prefixLength));
      set.summaries = neg ? rest : [...rest, { prefix, prefixLength }];
      if (set.summaries.length === 0) delete set.summaries;
      return;
    }
    case 'authentication':
      authentication(cmd, set, neg, classic);
      return;
  }
}

/** `authentication mode md5|hmac-sha-256 PW` / `authentication key-chain C` (classic: `eigrp AS` after the second word). */
function authentication(cmd: Cmd, set: EigrpIfSettings, neg: boolean, classic: boolean): void {
  const C = 'authentication';
  const w = cmd.keyword(C, ['mode', 'key-chain']);
  if (classic) cmd.pos += 2;
  if (w === 'key-chain') {
    if (neg) delete set.keyChain;
    else set.keyChain = cmd.word(C, 'a key chain name');
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  if (neg) {
    delete set.authMode;
    delete set.authKey;
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  const mode = cmd.keyword(C, ['md5', 'hmac-sha-256']);
  set.authMode = mode;
  if (mode === 'hmac-sha-256') {
    if (cmd.left > 1 && /^[0-9]$/.test(cmd.peek() ?? '')) cmd.pos++; // encryption type 0/7
    set.authKey = cmd.word(C, 'a password');
  }
  cmd.end(C);
}

/** True when an interface `ip WORD …` line is an EIGRP one (cmd at the word after `ip`). */
export function isEigrpIfLine(cmd: Cmd): boolean {
  const b = cmd.peek();
  if (b === undefined || !EIGRP_IF_WORDS.has(b)) return false;
  return cmd.peek(b === 'authentication' ? 2 : 1) === 'eigrp';
}

/** `ip split-horizon eigrp AS` and the other interface-level EIGRP lines (cmd at the word after `ip`). */
export function eigrpIfCommand(cmd: Cmd, iface: InterfaceConfig, neg: boolean): void {
  const b = cmd.peek()!;
  const asAt = cmd.pos + (b === 'authentication' ? 3 : 2);
  const save = cmd.pos;
  cmd.pos = asAt;
  const as = cmd.uint(`ip ${b} eigrp`, 'autonomous system', 1, 65535);
  cmd.pos = save;
  iface.eigrp ??= {};
  const all = iface.eigrp;
  all[String(as)] ??= {};
  const set = all[String(as)];
  ifSetting(cmd, set, neg, b, true);
  if (Object.keys(set).length === 0) delete all[String(as)];
  if (Object.keys(all).length === 0) delete iface.eigrp;
}

/** `bandwidth KBPS` and `delay TENS_OF_US` on an interface (cmd at the keyword). */
export function bandwidthDelayCommand(cmd: Cmd, iface: InterfaceConfig, neg: boolean): void {
  const a = cmd.peek() as 'bandwidth' | 'delay';
  cmd.pos++;
  if (neg) {
    delete iface[a];
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  iface[a] =
    a === 'bandwidth' ? cmd.uint(a, 'kbit/s', 1, 10_000_000) : cmd.uint(a, 'tens of microseconds', 1, 16_777_215);
  cmd.end(a);
}

/** `key chain NAME` (cmd at `key`): opens the block of `key N` / `key-string S` lines. */
export function keyChainCommand(cmd: Cmd, s: Session, neg: boolean): void {
  cmd.pos++;
  cmd.keyword('key', ['chain']);
  const name = cmd.word('key chain', 'a key chain name');
  cmd.end('key chain');
  s.config.keyChains ??= [];
  const list = s.config.keyChains;
  const idx = list.findIndex((k) => k.name === name);
  if (neg) {
    if (idx >= 0) list.splice(idx, 1);
    if (list.length === 0) delete s.config.keyChains;
    return;
  }
  let chain: KeyChain | undefined = list[idx];
  if (!chain) {
    chain = { name, keys: [] };
    list.push(chain);
  }
  const kc = chain;
  let key: KeyChain['keys'][number] | undefined;
  s.open({
    indent: cmd.line.indent,
    accepts: (w) =>
      ['key', 'key-string', 'accept-lifetime', 'send-lifetime', 'cryptographic-algorithm'].includes(
        (w[0] === 'no' ? w[1] : w[0]) ?? '',
      ) && !(w[0] === 'key' && w[1] === 'chain'),
    leaves: (w) => leavesWords(w) && !(w[0] === 'key' && w[1] !== 'chain'),
    line: (c: Cmd) => {
      const n = c.accept('no');
      const a = c.word('key chain', 'key, key-string');
      if (a.toLowerCase() === 'key') {
        const id = c.uint('key', 'key identifier', 0, 2147483647);
        c.end('key');
        kc.keys = kc.keys.filter((k) => k.id !== id);
        if (n) return;
        key = { id };
        kc.keys.push(key);
        kc.keys.sort((x, y) => x.id - y.id);
        return;
      }
      if (a.toLowerCase() === 'key-string') {
        if (!key) c.invalid('key-string', 'a key line first', 0);
        if (n) delete key.keyString;
        else {
          if (c.left > 1 && /^[0-9]$/.test(c.peek() ?? '')) c.pos++;
          key.keyString = c.word('key-string', 'the key');
        }
        c.pos = c.line.tokens.length;
        return;
      }
      // lifetimes and the algorithm are taken as given: keys are valid at all times
      c.pos = c.line.tokens.length;
    },
  });
}
