import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShowError } from '../../../src/node/show/errors.js';
import { applyFilter, parseShow } from '../../../src/node/exec/show-parse.js';

const refused = (line: string): ShowError => {
  try {
    parseShow(line, 'R1#');
  } catch (e) {
    if (e instanceof ShowError) return e;
    throw e;
  }
  assert.fail(`'${line}' was accepted`);
};

test('IOS abbreviations read as the full command', () => {
  const cases: Array<[string, string, boolean]> = [
    ['sh dmvpn', 'dmvpn', false],
    ['show dmvpn detail', 'dmvpn', true],
    ['sh dm det', 'dmvpn', true],
    ['show ip nhrp det', 'nhrp', true],
    ['SH IP NHRP', 'nhrp', false],
    ['sh ip nh nhs', 'nhrpNhs', false],
    ['sh ip nhrp nhs d', 'nhrpNhs', true],
    ['sh ip nhrp tr', 'nhrpTraffic', false],
    ['sh ip ro', 'route', false],
    ['sh ip int br', 'ipInterfaceBrief', false],
    ['sh run', 'runningConfig', false],
    ['sh ver', 'version', false],
    ['  show   interfaces  ', 'interfaces', false],
  ];
  for (const [line, id, detail] of cases) {
    const p = parseShow(line);
    assert.deepEqual([p.id, p.detail, p.json], [id, detail, false], line);
  }
});

test('interface names: abbreviated, any case, with or without a space', () => {
  for (const line of [
    'show int tun0',
    'show interfaces Tunnel0',
    'sh int tu 0',
    'sh int TUNNEL0',
    'sh interfaces t0',
  ]) {
    assert.equal(parseShow(line).interface, 'Tunnel0', line);
  }
  const p = parseShow('sh int gi0/1');
  assert.deepEqual([p.interface, p.interfaceColumn], ['GigabitEthernet0/1', 7]);
  assert.equal(parseShow('sh run int tu0').interface, 'Tunnel0');
  assert.equal(parseShow('show interfaces').interface, undefined);
});

test('json: a trailing word or a | json pipe, on every command', () => {
  assert.equal(parseShow('show dmvpn json').json, true);
  assert.equal(parseShow('sh dmvpn det json').json, true);
  assert.equal(parseShow('show ip nhrp nhs | json').json, true);
  assert.equal(parseShow('show ip route js').json, true, 'json abbreviates too');
  assert.equal(parseShow('show interfaces Tunnel0 json').json, true);
  const all = parseShow('show interfaces json');
  assert.deepEqual([all.json, all.interface], [true, undefined]);
  assert.equal(parseShow('show dmvpn').json, false);
});

test('invalid input: the caret goes under the first character that matches nothing', () => {
  const e = refused('show dmvpx');
  assert.equal(e.code, 'SHOW_INVALID_INPUT');
  assert.equal(e.column, 9, "'dmvp' matched, 'x' did not");
  assert.equal(e.output, "R1#show dmvpx\n            ^\n% Invalid input detected at '^' marker.\n");
  assert.equal(refused('show ip nhrp foo').column, 13);
  assert.equal(refused('shwo dmvpn').column, 2);
  assert.equal(refused('show dmvpn detail extra').column, 18, 'nothing may follow a complete command');
  assert.equal(refused('show dmvpn json extra').column, 16);
  assert.equal(refused('sh int Foo0').column, 7, 'an interface type IOS does not have');
});

test('ambiguous and incomplete commands, IOS messages', () => {
  const a = refused('sh i');
  assert.equal(a.code, 'SHOW_AMBIGUOUS');
  assert.equal(a.output, '% Ambiguous command:  "sh i"\n');
  for (const line of ['show', 'show ip', 'show ip interface', 'sh run int', '', 'show dmvpn |']) {
    const e = refused(line);
    assert.equal(e.code, 'SHOW_INCOMPLETE', line);
    assert.equal(e.output, '% Incomplete command.\n');
  }
  assert.equal(refused('sh dmvpn | inc').code, 'SHOW_INCOMPLETE', 'a filter needs its expression');
  assert.equal(refused('sh dmvpn | inc (').code, 'SHOW_INVALID_INPUT', 'a broken regular expression');
  assert.equal(refused('sh dmvpn json | json').code, 'SHOW_INVALID_INPUT');
  assert.deepEqual(refused('sh dmvpx').toJSON().error, {
    code: 'SHOW_INVALID_INPUT',
    command: 'sh dmvpx',
    column: 7,
    message: refused('sh dmvpx').message,
  });
});

test('output filters: include, exclude and begin work line by line', () => {
  const text = 'alpha 1\nbeta 2\ngamma 3\n';
  const f = (line: string) => applyFilter(text, parseShow(line).filter);
  assert.equal(f('sh ver | include a 1|beta'), 'alpha 1\nbeta 2\n');
  assert.equal(f('sh ver | exc beta'), 'alpha 1\ngamma 3\n');
  assert.equal(f('sh ver | b ^beta'), 'beta 2\ngamma 3\n');
  assert.equal(f('sh ver | i nothing'), '');
  assert.equal(applyFilter(text, undefined), text);
});
