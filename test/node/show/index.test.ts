import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderShow, runShow, ShowError } from '../../../src/node/show/index.js';
import { showState } from '../../helpers/show-engines.js';
import { phase2, SPOKE1_CFG } from '../../helpers/show-scenarios.js';

test('renderShow: text, JSON or a ShowError; runShow turns each into what the control socket sends', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const text = renderShow('show ip nhrp', st);
  assert.ok('text' in text && !(text instanceof ShowError));
  assert.equal(runShow('show ip nhrp', st), text.text);
  const json = renderShow('show ip nhrp json', st);
  assert.ok('json' in json);
  assert.deepEqual(JSON.parse(runShow('show ip nhrp json', st)), json.json);
  assert.ok(runShow('show ip nhrp json', st).endsWith('}\n'));
  const bad = renderShow('show ip nhrq', st);
  assert.ok(bad instanceof ShowError);
  assert.deepEqual([bad.code, bad.column], ['SHOW_INVALID_INPUT', 11]);
  assert.equal(
    runShow('show ip nhrq', st),
    "spoke1#show ip nhrq\n                  ^\n% Invalid input detected at '^' marker.\n",
  );
  assert.equal(runShow('sh i', st), '% Ambiguous command:  "sh i"\n');
});

test('every command answers text and JSON on the same state, and JSON survives a round trip', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const commands = [
    'show dmvpn',
    'show dmvpn detail',
    'show ip nhrp',
    'show ip nhrp detail',
    'show ip nhrp nhs',
    'show ip nhrp nhs detail',
    'show ip nhrp traffic',
    'show ip route',
    'show interfaces',
    'show interfaces Tunnel0',
    'show ip interface brief',
    'show running-config',
    'show version',
  ];
  for (const c of commands) {
    const t = renderShow(c, st);
    assert.ok('text' in t && !(t instanceof ShowError) && t.text.length > 0, c);
    const j = renderShow(`${c} json`, st);
    assert.ok('json' in j, c);
    assert.deepEqual(JSON.parse(JSON.stringify(j.json)), j.json, `${c}: plain JSON`);
  }
});

test('a filter applies to the text form; include keeps only matching lines', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  assert.equal(
    runShow('show dmvpn | include UP', st),
    [
      '     1 192.168.123.1      172.16.123.1    UP 00:00:15     S',
      '     1 192.168.123.3      172.16.123.3    UP 00:00:05     D',
      '',
    ].join('\n'),
  );
});

test('show running-config says when the configuration last changed, as IOS does, and its JSON form how long ago', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const at = Date.UTC(2026, 11, 1, 22, 10, 42, 123);
  const changed = { ...st, lastConfigChange: { atMs: at, agoMs: 65_000 } };
  const text = renderShow('show running-config', changed);
  assert.ok('text' in text && !(text instanceof ShowError));
  assert.match(text.text, /^! Last configuration change at 22:10:42 UTC Tue Dec 1 2026$/m);
  const json = renderShow('show running-config json', changed);
  assert.ok('json' in json);
  assert.deepEqual((json.json as { lastChange?: unknown }).lastChange, {
    at: '2026-12-01T22:10:42.123Z',
    agoMs: 65_000,
  });
  const unknown = renderShow('show running-config', st);
  assert.ok('text' in unknown && !(unknown instanceof ShowError) && !/Last configuration change/.test(unknown.text));
});
