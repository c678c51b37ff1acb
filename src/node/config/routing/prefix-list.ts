/**
 * Global `ip prefix-list NAME [seq N] permit|deny A.B.C.D/L [ge N] [le N]` (and `description`):
 * the prefix filters routing policy refers to (`distribute-list prefix`, `neighbor … prefix-list`).
 * Entries without `seq` get the next multiple of 5 above the list's highest, as on IOS.
 */
import { networkOf, parseCidr } from '../../../wire/ipv4-addr.js';
import type { Cmd } from '../line.js';
import type { RouterConfig } from '../model.js';
import type { PrefixListEntry } from './model.js';

/** `ip prefix-list NAME …`; `cmd` is positioned on `prefix-list`. */
export function prefixListCommand(cmd: Cmd, config: RouterConfig, neg: boolean): void {
  const C = 'ip prefix-list';
  cmd.pos++;
  const name = cmd.word(C, 'a prefix-list name');
  const lists = config.prefixLists ?? {};
  const list = lists[name] ?? [];
  if (cmd.peek() === 'description') {
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  if (neg && cmd.left === 0) {
    delete lists[name];
    if (Object.keys(lists).length === 0) delete config.prefixLists;
    return;
  }
  let seq: number | undefined;
  if (cmd.accept('seq')) seq = cmd.uint(C, 'sequence number', 1, 4294967294);
  if (neg && seq !== undefined && cmd.left === 0) {
    store(
      config,
      lists,
      name,
      list.filter((e) => e.seq !== seq),
    );
    return;
  }
  const action = cmd.keyword(C, ['permit', 'deny'] as const);
  const at = cmd.pos;
  const c = parseCidr(cmd.word(C, 'a prefix A.B.C.D/N'));
  if (!c) cmd.invalid(C, 'a prefix A.B.C.D/N', at);
  const entry: PrefixListEntry = {
    seq: seq ?? Math.floor(Math.max(0, ...list.map((e) => e.seq)) / 5) * 5 + 5,
    action,
    address: networkOf(c.address, c.prefixLength),
    prefixLength: c.prefixLength,
  };
  while (cmd.left > 0) {
    const k = cmd.keyword(C, ['ge', 'le'] as const);
    entry[k] = cmd.uint(C, 'prefix length', Math.max(1, c.prefixLength), 32);
  }
  cmd.end(C);
  const rest = list.filter((e) =>
    neg ? !(seq === undefined ? same(e, entry) : e.seq === seq) : e.seq !== entry.seq && !same(e, entry),
  );
  if (!neg) rest.push(entry);
  store(config, lists, name, rest);
}

/** Puts a list back (sorted by sequence), dropping it when empty and the lists when none is left. */
function store(
  config: RouterConfig,
  lists: Record<string, PrefixListEntry[]>,
  name: string,
  list: PrefixListEntry[],
): void {
  list.sort((a, b) => a.seq - b.seq);
  if (list.length > 0) lists[name] = list;
  else delete lists[name];
  if (Object.keys(lists).length > 0) config.prefixLists = lists;
  else delete config.prefixLists;
}

function same(a: PrefixListEntry, b: PrefixListEntry): boolean {
  return (
    a.action === b.action &&
    a.address === b.address &&
    a.prefixLength === b.prefixLength &&
    a.ge === b.ge &&
    a.le === b.le
  );
}

/** The lines of one entry, without leading space: `ip prefix-list NAME seq N permit A/L [ge N] [le N]`. */
export function prefixListLine(name: string, e: PrefixListEntry): string {
  const ge = e.ge !== undefined ? ` ge ${e.ge}` : '';
  const le = e.le !== undefined ? ` le ${e.le}` : '';
  return `ip prefix-list ${name} seq ${e.seq} ${e.action} ${e.address}/${e.prefixLength}${ge}${le}`;
}

/** Every prefix list as IOS (and FRR: same syntax) lines. */
export function renderPrefixLists(config: RouterConfig): string[] {
  const out: string[] = [];
  for (const [name, list] of Object.entries(config.prefixLists ?? {}))
    for (const e of list) out.push(prefixListLine(name, e));
  return out;
}
