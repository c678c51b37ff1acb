import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXEC_TREE, helpText, matchCommand } from '../../../src/node/exec/commands.js';
import { SHOW_TREE } from '../../../src/node/exec/show-parse.js';

test('one exec tree: show lines go on to the show parser, every leaf has help text', () => {
  assert.deepEqual(matchCommand('sh ip nh'), { ok: true, id: 'show' });
  assert.deepEqual(matchCommand('he'), { ok: true, id: 'help' });
  const help = helpText();
  const commands = [
    'clear ip nhrp',
    'configure terminal',
    'debug nhrp',
    'help',
    'show dmvpn detail',
    'show ip nhrp nhs',
  ];
  for (const line of [...commands, 'show interfaces [NAME]', 'show running-config interface NAME']) {
    assert.match(help, new RegExp(`^  ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm'), line);
  }
  type Help = { help?: string; children?: readonly Help[] | (() => readonly Help[]) };
  const kids = (n: Help): readonly Help[] => (typeof n.children === 'function' ? n.children() : (n.children ?? []));
  const bare = (ns: readonly Help[]): number => ns.reduce((a, n) => a + (n.help ? 0 : 1) + bare(kids(n)), 0);
  assert.equal(bare(EXEC_TREE), 0, 'every exec node has help');
  assert.equal(bare([SHOW_TREE]), 0, 'every show node has help');
});

test('crypto exec commands: clear crypto sa|ikev2 sa|session with an optional peer, debug crypto ikev2|ipsec', () => {
  assert.deepEqual(matchCommand('clear crypto sa'), { ok: true, id: 'clear crypto sa' });
  assert.deepEqual(matchCommand('clear cry sa peer 192.0.2.1'), { ok: true, id: 'clear crypto sa' });
  assert.deepEqual(matchCommand('clear crypto ikev2 sa remote 192.0.2.1'), { ok: true, id: 'clear crypto ikev2 sa' });
  assert.deepEqual(matchCommand('clear crypto session'), { ok: true, id: 'clear crypto session' });
  assert.deepEqual(matchCommand('deb cry ikev2'), { ok: true, id: 'debug crypto ikev2' });
  assert.deepEqual(matchCommand('debug crypto ipsec'), { ok: true, id: 'debug crypto ipsec' });
  assert.equal(matchCommand('clear crypto').ok, false);
});
