import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod/v4';
import { schemaFor } from '../../../src/node/api/index.js';
import { judgeJson, judgeText } from '../../../src/lab/expect/conditions.js';
import { parsePath, pathProblem, select } from '../../../src/lab/expect/path.js';

const NHS = {
  interfaces: [
    {
      name: 'Tunnel0',
      nhs: [
        { address: '10.0.0.1', state: 'up', priority: 0 },
        { address: '10.0.0.2', state: 'probe', priority: 0 },
      ],
    },
  ],
};

const jsonSchemaOf = (command: string) =>
  z.toJSONSchema(schemaFor(command)!, { io: 'output', unrepresentable: 'any', reused: 'inline' });

describe('expect: paths into show JSON', () => {
  it('parses fields, [] and [*], [N] and [field=value]', () => {
    assert.deepEqual(parsePath('interfaces[].nhs[address=10.0.0.1].state'), [
      { kind: 'field', name: 'interfaces' },
      { kind: 'all' },
      { kind: 'field', name: 'nhs' },
      { kind: 'filter', field: 'address', value: '10.0.0.1' },
      { kind: 'field', name: 'state' },
    ]);
    assert.deepEqual(parsePath('a[*][2]'), [
      { kind: 'field', name: 'a' },
      { kind: 'all' },
      { kind: 'index', index: 2 },
    ]);
    assert.deepEqual(parsePath(''), []);
    assert.throws(() => parsePath('a[b'), /"\[" without "\]"/);
    assert.throws(() => parsePath('a.'), /does not end with "\."/);
    assert.throws(() => parsePath('a[x y]'), /expected \[\], \[\*\], \[N\] or \[field=value\]/);
  });

  it('selects every value a path reaches, none where a field is missing', () => {
    assert.deepEqual(select(NHS, parsePath('interfaces[].nhs[].state')), ['up', 'probe']);
    assert.deepEqual(select(NHS, parsePath('interfaces[0].nhs[address=10.0.0.2].state')), ['probe']);
    assert.deepEqual(select(NHS, parsePath('interfaces[].nhs[address=10.9.9.9].state')), []);
    assert.deepEqual(select(NHS, parsePath('interfaces[].missing')), []);
    assert.deepEqual(select(NHS, parsePath('interfaces[5]')), []);
  });

  it("finds a path that can never select anything in a command's JSON form, naming the fields there are", () => {
    const nhs = jsonSchemaOf('show ip nhrp nhs');
    assert.equal(pathProblem(nhs, parsePath('interfaces[].nhs[address=10.0.0.1].state')), undefined);
    assert.match(
      pathProblem(nhs, parsePath('interfaces[].nhs[].stat'))!,
      /"stat" is not a field of interfaces\[\]\.nhs\[\] \(fields: address, nbma, state/,
    );
    assert.match(pathProblem(nhs, parsePath('interfaces[].nhs[bogus=1]'))!, /items have no field "bogus"/);
    assert.match(pathProblem(nhs, parsePath('interfaces.name'))!, /"name" is not a field of interfaces|not an object/);
    assert.match(pathProblem(nhs, parsePath('interfaces[].name[0]'))!, /not a list/);
    // A nullable object (gatewayOfLastResort) and a map (dropped.reasons) are walked through.
    assert.equal(pathProblem(jsonSchemaOf('show ip route'), parsePath('gatewayOfLastResort.nextHop')), undefined);
    assert.equal(
      pathProblem(jsonSchemaOf('show ip nhrp traffic'), parsePath('interfaces[].dropped.reasons.anything')),
      undefined,
    );
  });
});

describe('expect: conditions', () => {
  const steps = parsePath('interfaces[].nhs[].state');
  it('present / absent, with nothing else to check: present', () => {
    assert.equal(
      judgeJson(
        { node: 'x', show: 'show ip nhrp nhs', path: 'interfaces[].nhs[]' },
        parsePath('interfaces[].nhs[]'),
        NHS,
      ).ok,
      true,
    );
    const none = parsePath('interfaces[].nhs[address=1.1.1.1]');
    assert.equal(judgeJson({ node: 'x', show: 's', path: 'p' }, none, NHS).ok, false);
    assert.equal(judgeJson({ node: 'x', show: 's', present: false }, none, NHS).ok, true);
  });

  it('equals holds when every value selected equals it, and says what it found', () => {
    const v = judgeJson({ node: 'x', show: 's', path: 'interfaces[].nhs[].state', equals: 'up' }, steps, NHS);
    assert.equal(v.ok, false);
    assert.match(v.found, /\["up", "probe"\], expected "up"/);
    const one = parsePath('interfaces[].nhs[address=10.0.0.1].state');
    assert.equal(judgeJson({ node: 'x', show: 's', equals: 'up' }, one, NHS).ok, true);
    assert.equal(
      judgeJson({ node: 'x', show: 's', equals: 0 }, parsePath('interfaces[].nhs[].priority'), NHS).ok,
      true,
    );
    assert.equal(judgeJson({ node: 'x', show: 's', equals: 'up' }, parsePath('nothing'), NHS).ok, false);
  });

  it('atLeast counts the values (a single list: its items); matches tests every value', () => {
    assert.equal(judgeJson({ node: 'x', show: 's', atLeast: 2 }, steps, NHS).ok, true);
    assert.equal(judgeJson({ node: 'x', show: 's', atLeast: 3 }, steps, NHS).ok, false);
    assert.equal(judgeJson({ node: 'x', show: 's', atLeast: 2 }, parsePath('interfaces[0].nhs'), NHS).ok, true);
    assert.equal(judgeJson({ node: 'x', show: 's', matches: '^(up|probe)$' }, steps, NHS).ok, true);
    assert.equal(judgeJson({ node: 'x', show: 's', matches: '^up$' }, steps, NHS).ok, false);
  });

  it('text: matches (N lines with atLeast) and lacks', () => {
    const text = 'Tunnel0 is up\n 10.0.0.1 RE\n 10.0.0.2 E\n';
    assert.equal(judgeText({ node: 'x', show: 's', text: true, matches: 'RE$' }, text).ok, true);
    assert.equal(judgeText({ node: 'x', show: 's', text: true, matches: '10\\.0\\.0', atLeast: 3 }, text).ok, false);
    const lacks = judgeText({ node: 'x', show: 's', text: true, lacks: ' E$' }, text);
    assert.equal(lacks.ok, false);
    assert.match(lacks.found, /a line matches \/ E\$\/: "10.0.0.2 E"/);
  });
});
