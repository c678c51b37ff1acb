import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RibChange, RibRoute, RouteKind } from '../../../src/node/rib/route.js';
import { diffSelections, forwarding, selectAll, selectPrefix } from '../../../src/node/rib/select.js';

const KINDS = new Map<string, RouteKind>([
  ['connected', { name: 'connected', code: 'C', keyword: 'connected', distance: 0, metric: 0, connected: true }],
  ['local', { name: 'local', code: 'L', keyword: 'connected', distance: 0, metric: 0, listOnly: true }],
  ['a', { name: 'a', code: 'A', keyword: 'a', distance: 90, metric: 0 }],
  ['b', { name: 'b', code: 'B', keyword: 'b', distance: 90, metric: 0 }],
  ['nhrp', { name: 'nhrp', code: 'H', keyword: 'nhrp', distance: 250, metric: 255, override: true }],
]);
const kindOf = (n: string) => KINDS.get(n);

const route = (source: string, nextHop: string, distance: number, metric: number, extra: Partial<RibRoute> = {}) =>
  ({ source, prefix: '10.1.0.0', prefixLength: 16, nextHop, distance, metric, active: true, ...extra }) as RibRoute;
const hops = (rs: readonly RibRoute[]) => rs.map((r) => `${r.source} ${r.nextHop}`);

test('select: lowest distance, then lowest metric; equal paths of one source together (ECMP)', () => {
  const a1 = route('a', '1.1.1.1', 90, 20);
  const a2 = route('a', '1.1.1.2', 90, 10);
  const a4 = route('a', '1.1.1.4', 90, 10);
  const s = selectPrefix([a1, a2, route('b', '1.1.1.3', 80, 50), a4], kindOf);
  assert.deepEqual(hops(s.best), ['b 1.1.1.3'], 'distance first, whatever the metric');
  const t = selectPrefix([a1, a2, a4], kindOf);
  assert.deepEqual(hops(t.best), ['a 1.1.1.2', 'a 1.1.1.4'], 'then metric; the ties are equal-cost paths');
  const u = selectPrefix([route('a', '1.1.1.1', 90, 10), route('b', '1.1.1.2', 90, 10)], kindOf);
  assert.deepEqual(hops(u.best), ['a 1.1.1.1'], 'a tie between two sources: the first source, no ECMP across them');
  const v = selectPrefix([route('a', '1.1.1.1', 5, 0, { active: false }), route('b', '1.1.1.2', 90, 0)], kindOf);
  assert.deepEqual([hops(v.best), v.active.length], [['b 1.1.1.2'], 1], 'an inactive route takes no part');
});

test('select: an override is listed beside the selection and forwards, except over a connected route', () => {
  const h = route('nhrp', '172.16.0.3', 250, 255);
  const s = selectPrefix([route('a', '1.1.1.1', 90, 0), h], kindOf);
  assert.deepEqual([hops(s.best), hops(s.override)], [['a 1.1.1.1'], ['nhrp 172.16.0.3']]);
  assert.equal(forwarding(s, kindOf), h);
  const c = selectPrefix([route('connected', '', 0, 0, { nextHop: undefined }), h], kindOf);
  assert.equal(forwarding(c, kindOf)?.source, 'connected');
  const only = selectPrefix([h], kindOf);
  assert.deepEqual([only.best.length, forwarding(only, kindOf)], [0, h], 'alone, the shortcut is the route');
  const local = selectPrefix([route('local', '', 0, 0)], kindOf);
  assert.equal(forwarding(local, kindOf), undefined, 'a local /32 forwards nothing');
});

test('diff: added, changed (selection or a standby route), removed, per prefix', () => {
  const other = (r: RibRoute): RibRoute => ({ ...r, prefix: '10.2.0.0' });
  const a = route('a', '1.1.1.1', 90, 0);
  const floating = route('b', '1.1.1.9', 200, 0);
  const before = selectAll([a, other(a)], kindOf);
  const offer = [a, floating, route('a', '1.1.1.5', 90, 0, { prefix: '10.3.0.0' })];
  const after = selectAll(offer, kindOf);
  const row = (c: RibChange) => [c.type, `${c.prefix}/${c.prefixLength}`, hops(c.selected), c.active.length];
  const changes = diffSelections(before, after).map(row);
  assert.deepEqual(changes, [
    ['changed', '10.1.0.0/16', ['a 1.1.1.1'], 2],
    ['added', '10.3.0.0/16', ['a 1.1.1.5'], 1],
    ['removed', '10.2.0.0/16', [], 0],
  ]);
  const again = selectAll(
    offer.map((r) => ({ ...r })),
    kindOf,
  );
  assert.deepEqual(diffSelections(after, again), [], 'the same offer again: no change');
});
