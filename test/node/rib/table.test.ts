import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeKind, routeKindByCode, routeLegend, registerRouteKind } from '../../../src/node/rib/kinds.js';
import type { RibChange, RibRoute, RouteKind, RouteSource } from '../../../src/node/rib/route.js';
import { RouteTable } from '../../../src/node/rib/table.js';

/** A source whose routes the test sets; `seen` records what the table showed it of earlier sources. */
class Fixed implements RouteSource {
  seen: string[] = [];
  constructor(
    readonly kind: RouteKind,
    public list: RibRoute[],
  ) {}
  routes(before: readonly RibRoute[]): RibRoute[] {
    this.seen = before.map((r) => `${r.source} ${r.prefix}/${r.prefixLength}`);
    return this.list;
  }
}

const kind = (name: string, code: string, distance: number, extra: Partial<RouteKind> = {}): RouteKind => ({
  name,
  code,
  keyword: name,
  distance,
  metric: 0,
  ...extra,
});
const r = (source: string, prefix: string, distance: number, extra: Partial<RibRoute> = {}): RibRoute => ({
  source,
  prefix,
  prefixLength: 24,
  nextHop: '192.0.2.9',
  distance,
  metric: 0,
  active: true,
  ...extra,
});

test('table: a source sees the active forwarding routes of the sources added before it, not their overrides', () => {
  const t = new RouteTable();
  const inactive = r('tbl-first', '10.1.2.0', 30, { active: false });
  const first = new Fixed(kind('tbl-first', 'Y', 30), [r('tbl-first', '10.1.1.0', 30), inactive]);
  const over = new Fixed(kind('tbl-over', 'Z', 250, { override: true }), [r('tbl-over', '10.1.3.0', 250)]);
  const last = new Fixed(kind('tbl-last', 'X', 5), []);
  t.add(first);
  t.add(over);
  t.add(last);
  assert.deepEqual(last.seen, ['tbl-first 10.1.1.0/24']);
  const mid = new Fixed(kind('tbl-mid', 'W', 40), [r('tbl-mid', '10.1.4.0', 40)]);
  t.add(mid, last);
  assert.deepEqual(last.seen, ['tbl-first 10.1.1.0/24', 'tbl-mid 10.1.4.0/24'], 'added before `last`: last sees it');
  assert.equal(t.rank('tbl-mid'), 2);
});

test('table: changes go to listeners once per merge; a removed source takes its routes along', () => {
  const t = new RouteTable();
  const batches: RibChange[][] = [];
  t.onChange((c) => batches.push([...c]));
  const a = new Fixed(kind('tbl-a', 'V', 90), [r('tbl-a', '10.2.1.0', 90), r('tbl-a', '10.2.2.0', 90)]);
  t.add(a);
  assert.deepEqual(
    batches.map((b) => b.map((c) => `${c.type} ${c.prefix}`)),
    [['added 10.2.1.0', 'added 10.2.2.0']],
  );
  a.list = [r('tbl-a', '10.2.1.0', 90, { nextHop: '192.0.2.10' })];
  const changes = t.refresh(a);
  const rows = changes.map((c) => `${c.type} ${c.prefix} ${c.selected[0]?.nextHop ?? '-'}`);
  assert.deepEqual(rows, ['changed 10.2.1.0 192.0.2.10', 'removed 10.2.2.0 -']);
  assert.deepEqual(t.refresh(a), [], 'nothing new');
  assert.equal(batches.length, 2, 'no batch for no change');
  assert.deepEqual(t.lookup('10.2.1.77')?.nextHop, '192.0.2.10');
  assert.deepEqual(
    t.remove(a).map((c) => c.type),
    ['removed'],
  );
  assert.equal(t.lookup('10.2.1.77'), undefined);
});

test('kinds: registered by name with a unique code; conflicts and second sources are refused with a code', () => {
  const k = kind('tbl-proto', 'Q', 100, { legend: 'Q - quick protocol' });
  const t = new RouteTable();
  t.add(new Fixed(k, []));
  assert.equal(routeKind('tbl-proto'), k);
  assert.equal(routeKindByCode('Q'), k);
  assert.ok(routeLegend().includes('       Q - quick protocol'));
  assert.equal(routeLegend().filter((l) => l.includes('S - static')).length, 1, 'an IOS code gets no extra line');
  assert.doesNotThrow(() => registerRouteKind({ ...k }), 'an equal kind again');
  assert.throws(() => t.add(new Fixed(k, [])), { code: 'ROUTE_SOURCE_DUPLICATE' });
  assert.throws(() => registerRouteKind({ ...k, distance: 101 }), { code: 'ROUTE_KIND_CONFLICT' });
  assert.throws(() => registerRouteKind(kind('tbl-other', 'S', 1)), { code: 'ROUTE_KIND_CONFLICT' }, "S is static's");
});
