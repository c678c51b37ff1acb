/** Global `[no] router ospf N | bgp ASN | rip`: opens the process's sub-mode; other processes are ignored. */
import type { Cmd } from '../line.js';
import type { Block, Session } from '../session.js';
import { ignoreBlock } from '../ignore.js';
import { bgpLine, type BgpFamily } from './bgp.js';
import { newBgp, newOspf, newRip } from './model.js';
import { ospfLine } from './ospf.js';
import { ripLine } from './rip.js';
import { pruneRouting, routingOf } from './words.js';

/** First words of router sub-mode commands (typed unindented, they stay in the sub-mode). */
const ROUTER_WORDS = new Set([
  'network',
  'neighbor',
  'passive-interface',
  'area',
  'router-id',
  'redistribute',
  'default-information',
  'bgp',
  'auto-summary',
  'synchronization',
  'address-family',
  'exit-address-family',
  'distance',
  'timers',
  'maximum-paths',
  'default-metric',
  'log-adjacency-changes',
  'distribute-list',
  'offset-list',
  'auto-cost',
  'summary-address',
  'validate-update-source',
  'output-delay',
  'eigrp',
  'variance',
  'metric',
  'capability',
  'max-metric',
  'nsf',
  'split-horizon',
  'poison-reverse',
]);

/** Handles `[no] router …`; `cmd` is positioned on `router`. */
export function routerCommand(cmd: Cmd, s: Session, neg: boolean): void {
  const C = 'router';
  cmd.pos++;
  const kind = cmd.peek();
  if (kind !== 'ospf' && kind !== 'bgp' && kind !== 'rip') return ignoreBlock(cmd, s, 'routing process');
  cmd.pos++;
  const r = routingOf(s.config);
  const context = cmd.line.raw.trim();
  let line: (c: Cmd, neg: boolean) => boolean;
  if (kind === 'ospf') {
    const id = cmd.uint(C, 'process id', 1, 65535);
    cmd.end(C);
    if (neg) {
      if (r.ospf?.processId === id) delete r.ospf;
      pruneRouting(s.config);
      return;
    }
    if (r.ospf && r.ospf.processId !== id) {
      cmd.fail(
        'CONFIG_INVALID_INPUT',
        `% OSPF process ${r.ospf.processId} is configured; one process is supported`,
        {
          command: C,
          expected: `router ospf ${r.ospf.processId}`,
          found: `router ospf ${id}`,
        },
        cmd.pos - 1,
      );
    }
    r.ospf ??= newOspf(id);
    const o = r.ospf;
    line = (c, n) => ospfLine(c, o, n);
  } else if (kind === 'bgp') {
    const asn = cmd.uint(C, 'AS number', 1, 4294967295);
    cmd.end(C);
    if (neg) {
      if (r.bgp?.asn === asn) delete r.bgp;
      pruneRouting(s.config);
      return;
    }
    if (r.bgp && r.bgp.asn !== asn) {
      cmd.fail(
        'CONFIG_INVALID_INPUT',
        `BGP is already running; AS is ${r.bgp.asn}`,
        {
          command: C,
          expected: `router bgp ${r.bgp.asn}`,
          found: `router bgp ${asn}`,
        },
        cmd.pos - 1,
      );
    }
    r.bgp ??= newBgp(asn);
    const b = r.bgp;
    const at: BgpFamily = { family: 'ipv4' };
    line = (c, n) => bgpLine(c, b, n, at);
  } else {
    cmd.end(C);
    if (neg) {
      delete r.rip;
      pruneRouting(s.config);
      return;
    }
    r.rip ??= newRip();
    const rip = r.rip;
    line = (c, n) => ripLine(c, rip, n);
  }
  s.open(routerBlock(cmd.line.indent, context, line));
}

/** The sub-mode of a routing process: its lines go to `handle`; those it does not run are reported ignored. */
export function routerBlock(indent: number, context: string, handle: (c: Cmd, neg: boolean) => boolean): Block {
  return {
    indent,
    accepts: (words) => {
      const w = words[0] === 'no' ? words.slice(1) : words;
      if (w[0] === 'version') return w[1] === '1' || w[1] === '2';
      return ROUTER_WORDS.has(w[0] ?? '');
    },
    leaves: (words) => {
      const w = words[0] === 'no' ? words.slice(1) : words;
      return (
        ['interface', 'router', 'hostname'].includes(w[0] ?? '') ||
        (w[0] === 'ip' && w[1] === 'route') ||
        (w[0] === 'ipv6' && (w[1] === 'router' || w[1] === 'route'))
      );
    },
    line: (cmd, s) => {
      const neg = cmd.accept('no');
      if (cmd.peek() === undefined) cmd.incomplete('no', 'a command to negate');
      const start = cmd.pos;
      if (handle(cmd, neg)) return;
      cmd.pos = start;
      s.ignore(cmd.line, `not supported, ignored (${context} option)`, 'unsupported', context);
    },
  };
}
