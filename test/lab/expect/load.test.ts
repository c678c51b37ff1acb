import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ExpectError } from '../../../src/lab/expect/errors.js';
import { withExpectations } from '../../../src/lab/expect/index.js';
import { expectJsonSchema } from '../../../src/lab/expect/json-schema.js';
import { parseExpectations } from '../../../src/lab/expect/load.js';
import type { Check } from '../../../src/lab/checks/context.js';
import { loadTopology } from '../../../src/lab/topology/load.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TOPOLOGY = loadTopology(join(ROOT, 'labs', 'phase3', 'phase3.clab.yml'));

function issues(text: string): string[] {
  try {
    parseExpectations(text, 'e.yml', TOPOLOGY);
  } catch (e) {
    assert.ok(e instanceof ExpectError);
    assert.equal(e.code, 'EXPECT_INVALID');
    assert.equal(e.exitCode, 2);
    return e.issues.map((i) => `${i.line}:${i.column} ${i.field}: ${i.message}`);
  }
  assert.fail('expected the file to be refused');
}

describe('expect: the file and its validation', () => {
  it('reads the example for labs/phase3: names, nodes, budgets, where each assertion is', () => {
    const file = join(ROOT, 'examples', 'ci', 'phase3.expect.yml');
    const f = parseExpectations(readFileSync(file, 'utf8'), file, TOPOLOGY);
    assert.ok(f.items.length >= 6);
    const first = f.items[0]!;
    assert.equal(first.kind, 'show');
    assert.equal(first.title, 'spoke1 registered with the hub');
    assert.deepEqual(first.nodes, ['spoke1']);
    assert.equal(first.waitMs, 20_000);
    assert.match(first.where, /phase3\.expect\.yml:\d+:5$/);
    assert.deepEqual(
      f.items.map((i) => i.kind),
      ['show', 'show', 'show', 'nhrp', 'route', 'ping', 'shortcut', 'route'],
    );
  });

  it('defaults and per-assertion budgets; titles made from the assertion', () => {
    const f = parseExpectations(
      [
        'defaults: { wait: 2s, every: 250ms }',
        'expect:',
        '  - { route: 10.1.2.0/24, via: spoke2, code: H, on: spoke1, wait: 0 }',
        '  - { adjacency: ospf, on: hub, with: spoke1 }',
        '  - { node: hub, show: show ip nhrp nhs json, path: "interfaces[].nhs[].state", equals: up }',
      ].join('\n'),
      'e.yml',
      TOPOLOGY,
    );
    assert.deepEqual(
      f.items.map((i) => [i.title, i.waitMs, i.everyMs]),
      [
        ['route 10.1.2.0/24 via spoke2 code H', 0, 250],
        ['ospf adjacency with spoke1', 2000, 250],
        ['show ip nhrp nhs json: interfaces[].nhs[].state = "up"', 2000, 250],
      ],
    );
  });

  it('names the line of an unknown node, a command the routers lack, a path that never exists, a bad field', () => {
    const text = [
      'expect:',
      '  - node: spoke9', // 2
      '    show: show ip nhrp nhs',
      '  - node: hub', // 4
      '    show: show ip frobnicate',
      '  - node: spoke1', // 6
      '    show: show ip nhrp nhs',
      '    path: interfaces[].nhs[].stat',
      '  - route: 10.0.0.0/8', // 9
      '    on: spoke1',
      '    vai: hub',
      '  - { ping: host2, from: inet }', // 12
      '  - { nhrp: hub, ping: host2 }', // 13
      '  - { node: hub, show: show ip nhrp, text: true, path: x }', // 14
      '  - { route: 10.0.0.0/8, on: host1 }', // 15
    ].join('\n');
    const got = issues(text);
    assert.deepEqual(got, [
      '2:5 expect[0].node: no node "spoke9" in lab phase3 (nodes: hub, spoke1, host1, spoke2, host2, inet)',
      '5:5 expect[1].show: the routers have no command "show ip frobnicate" (its JSON form: see docs/show-json.md)',
      got[2]!,
      '11:5 expect[3].vai: unknown field "vai" (did you mean "via"?)',
      '12:20 expect[4].from: "inet" is a internet node: ping from a host or a router',
      '13:5 expect[5]: an assertion has one of the fields show, route, nhrp, ping, shortcut, adjacency, found nhrp and ping',
      '14:5 expect[6]: a text assertion has "matches" or "lacks"',
      '14:50 expect[6].path: "path" reads the JSON form: not with "text: true"',
      '15:26 expect[7].on: "host1" is a host node, not a router (kind dmvpn)',
    ]);
    assert.match(
      got[2]!,
      /^8:5 expect\[2\]\.path: "stat" is not a field of interfaces\[\]\.nhs\[\] .*never selects anything in "show ip nhrp nhs json"$/,
    );
  });

  it('refuses YAML errors, a bad duration and an empty list with their positions', () => {
    assert.match(issues('expect: [\n')[0]!, /^\d+:\d+ : YAML: /);
    assert.deepEqual(issues('defaults: { wait: 5x }\nexpect:\n  - { ping: host2, from: host1 }'), [
      '1:13 defaults.wait: expected seconds or a time like 500ms, 10s or 2m, found "5x"',
    ]);
    assert.match(issues('expect: []')[0]!, /^1:1 expect: at least one assertion/);
  });

  it('runs the assertions after the checks that watch the lab, before those that change it', () => {
    const c = (name: string) => ({ check: { name } as Check });
    const file = parseExpectations('expect:\n  - { ping: host2, from: host1 }', 'e.yml', TOPOLOGY);
    const plan = [c('registration'), c('phase'), c('transition'), c('failover')];
    assert.deepEqual(
      withExpectations(plan, file).map((p) => p.check.name),
      ['registration', 'phase', 'expect', 'transition', 'failover'],
    );
    assert.deepEqual(
      withExpectations([c('registration')], file).map((p) => p.check.name),
      ['registration', 'expect'],
    );
    assert.equal(withExpectations(plan, undefined), plan);
  });

  it('publishes the JSON schema generated from the validator', () => {
    assert.equal(
      readFileSync(join(ROOT, 'schema', 'expect.schema.json'), 'utf8'),
      expectJsonSchema(),
      'schema/expect.schema.json is stale: run dmvpn-lab schema expect > schema/expect.schema.json',
    );
  });
});
