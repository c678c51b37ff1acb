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
