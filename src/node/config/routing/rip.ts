/** `router rip` sub-mode lines and interface `[no] ip split-horizon`. */
import { classfulLength, networkOf } from '../../../wire/ipv4-addr.js';
import type { Cmd } from '../line.js';
import type { InterfaceConfig } from '../model.js';
import type { RipConfig } from './model.js';
import { interfaceName, passiveInterface, redistribute, setRedistribute } from './words.js';

/** Applies one line of `router rip`; returns false when the command is not one dmvpnd runs. */
export function ripLine(cmd: Cmd, r: RipConfig, neg: boolean): boolean {
  const w = cmd.peek();
  cmd.pos++;
  switch (w) {
    case 'version':
      if (neg) {
        delete r.version;
        cmd.pos = cmd.line.tokens.length;
      } else {
        r.version = cmd.uint('version', 'RIP version', 1, 2) as 1 | 2;
        cmd.end('version');
      }
      return true;
    case 'network': {
      const a = cmd.ipv4('network', 'network number');
      cmd.end('network');
      // IOS keeps the classful network of whatever address is written
      const net = networkOf(a, classfulLength(a));
      r.networks = r.networks.filter((n) => n !== net);
      if (!neg) r.networks.push(net);
      return true;
    }
    case 'auto-summary':
      cmd.end(w);
      r.autoSummary = !neg;
      return true;
    case 'passive-interface':
      passiveInterface(cmd, r, neg);
      return true;
    case 'default-information':
      cmd.keyword(w, ['originate'] as const);
      cmd.pos = cmd.line.tokens.length;
      r.defaultOriginate = !neg;
      return true;
    case 'redistribute':
      r.redistribute = setRedistribute(r.redistribute, redistribute(cmd, true), neg);
      return true;
    case 'distribute-list': {
      // the access-list form stays ignored: dmvpnd has no access lists
      if (!cmd.accept('prefix')) return false;
      const C = 'distribute-list prefix';
      const prefixList = cmd.word(C, 'a prefix-list name');
      const direction = cmd.keyword(C, ['in', 'out'] as const);
      const iface = cmd.left > 0 ? interfaceName(cmd, C) : undefined;
      cmd.end(C);
      const d = { prefixList, direction, ...(iface !== undefined ? { interface: iface } : {}) };
      const rest = (r.distributeLists ?? []).filter((x) => !(x.direction === direction && x.interface === iface));
      if (!neg) rest.push(d);
      if (rest.length > 0) r.distributeLists = rest;
      else delete r.distributeLists;
      return true;
    }
  }
  return false;
}

/** Interface `[no] ip split-horizon`; `cmd` is positioned on `split-horizon`. */
export function splitHorizonCommand(cmd: Cmd, iface: InterfaceConfig, neg: boolean): boolean {
  if (cmd.left > 1) return false; // ip split-horizon eigrp N: another protocol's line, left where it was
  cmd.pos++;
  if (neg) iface.splitHorizon = false;
  else delete iface.splitHorizon;
  return true;
}

/** Interface `[no] ip summary-address rip A M`; `cmd` is positioned on `summary-address`. */
export function ripSummaryCommand(cmd: Cmd, iface: InterfaceConfig, neg: boolean): boolean {
  if (cmd.peek(1) !== 'rip') return false;
  const C = 'ip summary-address rip';
  cmd.pos += 2;
  const address = cmd.ipv4(C, 'summary prefix');
  const prefixLength = cmd.mask(C);
  cmd.end(C);
  const sum = { address: networkOf(address, prefixLength), prefixLength };
  const rest = (iface.ripSummaries ?? []).filter(
    (x) => !(x.address === sum.address && x.prefixLength === sum.prefixLength),
  );
  if (!neg) rest.push(sum);
  if (rest.length > 0) iface.ripSummaries = rest;
  else delete iface.ripSummaries;
  return true;
}
