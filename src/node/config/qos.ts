/**
 * QoS (MQC) configuration: `class-map`, `policy-map` with its `class` lines and their actions, and the
 * attachments: `service-policy output P` on an interface, `[ip] nhrp map group G service-policy output P`
 * on a hub tunnel (per-spoke QoS, selected by the `nhrp group` a spoke registers with).
 * A policy names only classes and child policies defined before it, as IOS requires; bandwidth and
 * priority percentages of one policy add up to at most 100 %.
 */
import type { Cmd } from './line.js';
import type { InterfaceConfig } from './model.js';
import {
  DSCP_NAMES,
  emptyQos,
  QOS_PROTOCOLS,
  type ClassMap,
  type PolicyClass,
  type PolicyMap,
  type QosConfig,
  type QosMatch,
  type QosProtocol,
} from './qos-model.js';
import { isGlobalCommand } from './ios-tables.js';
import type { Session } from './session.js';

const CLASS_DEFAULT = 'class-default';

/** The QoS config of a session, created on first use. */
function qosOf(s: Session): QosConfig {
  s.config.qos ??= emptyQos();
  return s.config.qos;
}

/** True for a global line this module handles (`class-map`, `policy-map`, after an optional `no`). */
export function isQosGlobal(first: string | undefined): boolean {
  return first === 'class-map' || first === 'policy-map';
}

/** `[no] class-map [match-any|match-all] NAME` and `[no] policy-map NAME`; `cmd` is on the keyword. */
export function qosGlobalCommand(cmd: Cmd, s: Session, neg: boolean): void {
  const what = cmd.keyword('qos', ['class-map', 'policy-map'] as const);
  const q = qosOf(s);
  if (what === 'class-map') {
    let matchAll = true;
    if (cmd.accept('match-any')) matchAll = false;
    else cmd.accept('match-all');
    if (cmd.peek() === 'type') return ignoreRest(cmd, s, 'class-map type (inspect, control …)');
    const name = cmd.word('class-map', 'a class-map name');
    cmd.end('class-map');
    if (name.toLowerCase() === CLASS_DEFAULT) cmd.invalid('class-map', 'a class-map name other than class-default', 1);
    if (neg) {
      delete q.classMaps[name];
      return;
    }
    const cm: ClassMap = q.classMaps[name] ?? { name, matchAll, matches: [] };
    cm.matchAll = matchAll;
    q.classMaps[name] = cm;
    s.open(subMode(cmd, (c) => classMapLine(c, s, cm)));
    return;
  }
  if (cmd.peek() === 'type') return ignoreRest(cmd, s, 'policy-map type (inspect, control …)');
  const name = cmd.word('policy-map', 'a policy-map name');
  cmd.end('policy-map');
  if (neg) {
    delete q.policyMaps[name];
    return;
  }
  const pm: PolicyMap = q.policyMaps[name] ?? { name, classes: [] };
  q.policyMaps[name] = pm;
  let current: PolicyClass | undefined;
  s.open(
    subMode(cmd, (c) => {
      const r = policyMapLine(c, s, pm, current);
      if (r !== undefined) current = r;
    }),
  );
}

/** A sub-mode that takes every line that is not a global command. */
function subMode(opener: Cmd, line: (c: Cmd) => void) {
  return {
    indent: opener.line.indent,
    accepts: (w: string[]) => !isGlobalCommand(w) && !isQosGlobal(w[0] === 'no' ? w[1] : w[0]),
    leaves: (w: string[]) => isQosGlobal(w[0] === 'no' ? w[1] : w[0]),
    line: (c: Cmd) => line(c),
  };
}

function ignoreRest(cmd: Cmd, s: Session, topic: string): void {
  s.ignore(cmd.line, `not supported, ignored (${topic})`, 'unsupported');
  s.open({ indent: cmd.line.indent, accepts: () => false, line: (c) => void s.ignore(c.line, `belongs to ${topic}`) });
}

/** One line inside `class-map NAME`. */
function classMapLine(cmd: Cmd, s: Session, cm: ClassMap): void {
  const neg = cmd.accept('no');
  const first = cmd.peek();
  if (first === 'description') return;
  if (first !== 'match') cmd.invalid('class-map', "'match' or 'description'");
  cmd.pos++;
  const m = matchOf(cmd, s);
  if (m === undefined) return;
  const same = (x: QosMatch): boolean => JSON.stringify(x) === JSON.stringify(m);
  if (neg) cm.matches = cm.matches.filter((x) => !same(x));
  else if (!cm.matches.some(same)) cm.matches.push(m);
}

/** `match …` after the word match; undefined when the criterion is reported as not supported. */
function matchOf(cmd: Cmd, s: Session): QosMatch | undefined {
  const C = 'match';
  const what = cmd.word(C, 'a match criterion (dscp, ip precedence, protocol, access-group, any)').toLowerCase();
  if (what === 'any') {
    cmd.end(C);
    return { kind: 'any' };
  }
  if (what === 'dscp' || (what === 'ip' && cmd.peek() === 'dscp')) {
    if (what === 'ip') cmd.pos++;
    return { kind: 'dscp', values: valueList(cmd, 'match dscp', 'a DSCP value 0-63 or name (ef, af41, cs3 …)', 63) };
  }
  if (what === 'precedence' || (what === 'ip' && cmd.peek() === 'precedence')) {
    if (what === 'ip') cmd.pos++;
    return { kind: 'precedence', values: valueList(cmd, 'match ip precedence', 'a precedence 0-7', 7) };
  }
  if (what === 'protocol') {
    const p = cmd.word('match protocol', 'a protocol name').toLowerCase();
    if ((QOS_PROTOCOLS as readonly string[]).includes(p) && cmd.left === 0)
      return { kind: 'protocol', protocol: p as QosProtocol };
    s.ignore(
      cmd.line,
      `not supported, ignored (match protocol ${p}: dmvpnd classifies ${QOS_PROTOCOLS.join(', ')} without NBAR)`,
    );
    return undefined;
  }
  if (what === 'access-group') {
    s.ignore(cmd.line, 'not supported, ignored (match access-group: dmvpnd has no IP access lists; never matches)');
    return undefined;
  }
  s.ignore(cmd.line, `not supported, ignored (match ${what})`);
  return undefined;
}

const PRECEDENCE_NAMES: Record<string, number> = {
  routine: 0,
  priority: 1,
  immediate: 2,
  flash: 3,
  'flash-override': 4,
  critical: 5,
  internet: 6,
  network: 7,
};

function valueList(cmd: Cmd, command: string, expected: string, max: number): number[] {
  const out: number[] = [];
  if (cmd.left === 0) cmd.incomplete(command, expected);
  while (cmd.left > 0) {
    const w = cmd.word(command, expected).toLowerCase();
    const v = /^[0-9]+$/.test(w) ? Number(w) : max === 63 ? DSCP_NAMES[w] : PRECEDENCE_NAMES[w];
    if (v === undefined || v > max) cmd.invalid(command, expected, cmd.pos - 1);
    out.push(v);
  }
  return out;
}

/** One line inside `policy-map NAME`; returns the class a `class` line opens. */
function policyMapLine(cmd: Cmd, s: Session, pm: PolicyMap, current: PolicyClass | undefined): PolicyClass | undefined {
  const neg = cmd.accept('no');
  const first = cmd.peek();
  if (first === 'description') return undefined;
  if (first === 'class') {
    cmd.pos++;
    const at = cmd.pos;
    const name = cmd.word('class', 'a class-map name or class-default');
    cmd.end('class');
    const isDefault = name.toLowerCase() === CLASS_DEFAULT;
    if (neg) {
      pm.classes = pm.classes.filter((c) => c.name !== name);
      return undefined;
    }
    if (!isDefault && qosOf(s).classMaps[name] === undefined)
      cmd.fail(
        'CONFIG_QOS_UNDEFINED',
        `% class-map ${name} not configured`,
        { command: 'class', expected: 'a class-map defined before this policy-map', found: `'${name}'` },
        at,
      );
    const key = isDefault ? CLASS_DEFAULT : name;
    let c = pm.classes.find((x) => x.name === key);
    if (!c) {
      c = { name: key };
      const d = pm.classes.findIndex((x) => x.name === CLASS_DEFAULT);
      if (d >= 0 && !isDefault) pm.classes.splice(d, 0, c);
      else pm.classes.push(c);
    }
    return c;
  }
  if (current === undefined) cmd.invalid('policy-map', "'class' (a policy-map's actions belong to a class)");
  classAction(cmd, s, pm, current, neg);
  return undefined;
}

/** `shape`, `priority`, `bandwidth`, `police`, `queue-limit`, `service-policy` under a class. */
function classAction(cmd: Cmd, s: Session, pm: PolicyMap, c: PolicyClass, neg: boolean): void {
  const what = cmd.peek()!;
  cmd.pos++;
  const bps = (command: string): number => cmd.uint(command, 'bits per second', 8000, 10_000_000_000);
  switch (what) {
    case 'shape': {
      const kind = cmd.keyword('shape', ['average', 'peak'] as const);
      if (neg) return void delete c.shape;
      if (kind === 'peak') return void s.ignore(cmd.line, 'not supported, ignored (shape peak; use shape average)');
      if (cmd.peek() === 'percent') return void s.ignore(cmd.line, 'not supported, ignored (shape average percent)');
      const averageBps = bps('shape average');
      const burstBits = cmd.left > 0 ? cmd.uint('shape average', 'burst in bits', 256, 154_400_000) : undefined;
      if (cmd.left > 0) cmd.uint('shape average', 'excess burst in bits', 0, 154_400_000);
      cmd.end('shape average');
      c.shape = { averageBps, ...(burstBits !== undefined ? { burstBits } : {}) };
      return;
    }
    case 'priority': {
      if (neg) return void delete c.priority;
      if (cmd.peek() === 'level') return void s.ignore(cmd.line, 'not supported, ignored (priority level)');
      const before = c.priority;
      if (cmd.left === 0) c.priority = { all: true };
      else if (cmd.accept('percent')) c.priority = { percent: cmd.uint('priority percent', 'percent', 1, 100) };
      else c.priority = { kbps: cmd.uint('priority', 'kilobits per second', 8, 10_000_000) };
      if (cmd.left > 0) cmd.uint('priority', 'burst in bytes', 32, 2_000_000);
      cmd.end('priority');
      checkShares(cmd, pm, c, () => {
        if (before === undefined) delete c.priority;
        else c.priority = before;
      });
      return;
    }
    case 'bandwidth': {
      if (neg) return void delete c.bandwidth;
      const before = c.bandwidth;
      if (cmd.accept('remaining')) {
        cmd.keyword('bandwidth remaining', ['percent'] as const);
        c.bandwidth = { remainingPercent: cmd.uint('bandwidth remaining percent', 'percent', 1, 100) };
      } else if (cmd.accept('percent')) c.bandwidth = { percent: cmd.uint('bandwidth percent', 'percent', 1, 100) };
      else c.bandwidth = { kbps: cmd.uint('bandwidth', 'kilobits per second', 8, 10_000_000) };
      cmd.end('bandwidth');
      checkShares(cmd, pm, c, () => {
        if (before === undefined) delete c.bandwidth;
        else c.bandwidth = before;
      });
      return;
    }
    case 'police': {
      if (neg) return void delete c.police;
      cmd.accept('cir');
      if (cmd.peek() === 'percent') return void s.ignore(cmd.line, 'not supported, ignored (police cir percent)');
      const cirBps = bps('police');
      const burstBytes = /^[0-9]+$/.test(cmd.peek() ?? '')
        ? cmd.uint('police', 'burst in bytes', 1000, 512_000_000)
        : undefined;
      if (cmd.left > 0)
        s.warn(
          cmd.line,
          'CONFIG_QOS_POLICE_ACTIONS',
          'police actions other than conform-transmit, exceed-drop are not applied',
        );
      cmd.pos = cmd.line.tokens.length;
      c.police = { cirBps, ...(burstBytes !== undefined ? { burstBytes } : {}) };
      return;
    }
    case 'queue-limit': {
      if (neg) return void delete c.queueLimit;
      c.queueLimit = cmd.uint('queue-limit', 'packets', 1, 32768);
      cmd.accept('packets');
      cmd.end('queue-limit');
      return;
    }
    case 'service-policy': {
      if (neg) return void delete c.child;
      const at = cmd.pos;
      const name = cmd.word('service-policy', 'a policy-map name');
      cmd.end('service-policy');
      const child = qosOf(s).policyMaps[name];
      if (child === undefined || name === pm.name) undefinedPolicy(cmd, name, at);
      if (c.shape) checkChildFits(cmd, child, c.shape.averageBps, at);
      c.child = name;
      return;
    }
  }
  s.ignore(cmd.line, `not supported, ignored (policy-map class action ${what})`);
}

function undefinedPolicy(cmd: Cmd, name: string, at: number): never {
  return cmd.fail(
    'CONFIG_QOS_UNDEFINED',
    `% policy-map ${name} not configured`,
    { command: 'service-policy', expected: 'a policy-map defined before this line', found: `'${name}'` },
    at,
  );
}

/** Percent shares of one policy (bandwidth percent and priority percent) add up to at most 100. */
function checkShares(cmd: Cmd, pm: PolicyMap, c: PolicyClass, undo: () => unknown): void {
  let sum = 0;
  for (const x of pm.classes) {
    if (x.bandwidth && 'percent' in x.bandwidth) sum += x.bandwidth.percent;
    if (x.priority && 'percent' in x.priority) sum += x.priority.percent;
  }
  let remaining = 0;
  for (const x of pm.classes)
    if (x.bandwidth && 'remainingPercent' in x.bandwidth) remaining += x.bandwidth.remainingPercent;
  if (sum <= 100 && remaining <= 100) return;
  undo();
  const total = sum > 100 ? sum : remaining;
  cmd.fail(
    'CONFIG_QOS_BANDWIDTH',
    '% Sum total of class bandwidths exceeds 100 percent',
    {
      command: `policy-map ${pm.name} class ${c.name}`,
      expected: 'bandwidth and priority shares of one policy-map adding up to at most 100 %',
      found: `${total} %`,
    },
    1,
  );
}

/** A child policy's kbit/s guarantees fit in the parent's shape rate. */
function checkChildFits(cmd: Cmd, child: PolicyMap, parentBps: number, at: number): void {
  let kbps = 0;
  for (const x of child.classes) {
    if (x.bandwidth && 'kbps' in x.bandwidth) kbps += x.bandwidth.kbps;
    if (x.priority && 'kbps' in x.priority) kbps += x.priority.kbps;
  }
  if (kbps * 1000 <= parentBps) return;
  cmd.fail(
    'CONFIG_QOS_BANDWIDTH',
    `% Insufficient bandwidth ${parentBps / 1000} kbps for the bandwidth guarantee of ${child.name} (${kbps} kbps)`,
    {
      command: 'service-policy',
      expected: `guarantees within the parent shape rate (${parentBps / 1000} kbps)`,
      found: `${kbps} kbps`,
    },
    at,
  );
}

/** Interface `[no] service-policy input|output NAME`; `cmd` is on `service-policy`. */
export function servicePolicyCommand(
  cmd: Cmd,
  s: Session,
  iface: InterfaceConfig,
  neg: boolean,
  context: string,
): void {
  cmd.pos++;
  const dir = cmd.keyword('service-policy', ['input', 'output'] as const);
  const at = cmd.pos;
  const name = neg && cmd.left === 0 ? undefined : cmd.word('service-policy', 'a policy-map name');
  cmd.end('service-policy');
  if (dir === 'input') {
    s.ignore(cmd.line, 'not supported, ignored (input policies; dmvpnd shapes output only)', 'unsupported', context);
    return;
  }
  if (neg) {
    delete iface.servicePolicyOutput;
    return;
  }
  if (s.config.qos?.policyMaps[name!] === undefined) undefinedPolicy(cmd, name!, at);
  iface.servicePolicyOutput = name!;
  if (iface.kind !== 'tunnel')
    s.ignore(
      cmd.line,
      'recorded, not active yet (QoS on Ethernet interfaces; Tunnel interfaces and NHRP groups are shaped)',
      'inactive',
      context,
    );
}

/**
 * `[no] [ip] nhrp map group G service-policy output P` on a tunnel; `cmd` is on `map` (after `nhrp`).
 * IOS shapes the traffic to every spoke registered with group G by policy P.
 */
export function nhrpMapGroupCommand(cmd: Cmd, s: Session, iface: InterfaceConfig, neg: boolean): void {
  const C = 'nhrp map group';
  cmd.keyword('nhrp map', ['group'] as const);
  const group = cmd.word(C, 'an NHRP group name');
  const n = iface.nhrp!;
  const rest = (n.groupPolicies ?? []).filter((g) => g.group !== group);
  if (neg && cmd.left === 0) {
    n.groupPolicies = rest;
    return;
  }
  cmd.keyword(C, ['service-policy'] as const);
  cmd.keyword(`${C} service-policy`, ['output'] as const);
  const at = cmd.pos;
  const policy = cmd.word(`${C} service-policy output`, 'a policy-map name');
  cmd.end(C);
  if (neg) {
    n.groupPolicies = rest;
    return;
  }
  if (s.config.qos?.policyMaps[policy] === undefined) undefinedPolicy(cmd, policy, at);
  n.groupPolicies = [...rest, { group, policy }];
}
