/** Which lines each `debug …` command streams: IKEv1's own text goes to `debug crypto isakmp` only. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IKEV2_LINE, IPSEC_LINE, ISAKMP_LINE, nhrpDebugLine } from '../../../src/node/exec/debug-lines.js';
import { matchCommand } from '../../../src/node/exec/commands.js';
import { base, Pair } from '../../ikev1/harness.js';

const STAMP = '*Dec  2 02:45:00.123:';

test('debug crypto isakmp: every IKEv1 event and IKMP syslog line, none of them in debug nhrp or ikev2', () => {
  const p = new Pair(base('192.0.2.1'), base('198.51.100.2', 'other-key'));
  p.deliver(p.a, p.a.engine.initiate(p.now, '198.51.100.2'));
  p.advance(60_000);
  const events = [...p.a.actions, ...p.b.actions].filter((a) => a.kind === 'event').map((a) => `${STAMP} ${a.text}`);
  const logs = [...p.a.actions, ...p.b.actions].filter((a) => a.kind === 'log').map((a) => `${STAMP} ${a.text}`);
  assert.ok(events.length > 3, 'the engine emits debug text');
  assert.ok(
    logs.some((l) => /IKMP_BAD_MESSAGE|IKMP_AUTH_FAIL/.test(l)),
    logs.join('\n'),
  );
  for (const l of events) {
    assert.ok(ISAKMP_LINE.test(l), l);
    assert.ok(!IKEV2_LINE.test(l) && !nhrpDebugLine(l), l);
  }
  for (const l of logs.filter((x) => x.includes('IKMP_'))) assert.ok(ISAKMP_LINE.test(l), l);
  assert.ok(!ISAKMP_LINE.test(`${STAMP} IKEv2:(SA ID = 1):Sending Packet`));
  assert.ok(IPSEC_LINE.test(`${STAMP} IPSEC(create_sa): sa created`));
  assert.ok(nhrpDebugLine(`${STAMP} NHRP: Send Registration Request via Tunnel0`));
});

test('debug crypto isakmp is an exec command', () => {
  assert.deepEqual(matchCommand('deb cry isakmp'), { ok: true, id: 'debug crypto isakmp' });
  assert.deepEqual(matchCommand('debug crypto isakmp'), { ok: true, id: 'debug crypto isakmp' });
});
