import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXEC_TREE, helpText, matchCommand } from '../../../src/node/exec/commands.js';

test('one exec tree: show lines go on to the show parser, every leaf has help text', () => {
  assert.deepEqual(matchCommand('sh ip nh'), { ok: true, id: 'show' });
  assert.deepEqual(matchCommand('he'), { ok: true, id: 'help' });
  const help = helpText();
  for (const line of ['clear ip nhrp', 'configure terminal', 'debug nhrp', 'help', 'show dmvpn …', 'show running-config …']) {
    assert.match(help, new RegExp(`^  ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm'), line);
  }
  const leaves = (ns: typeof EXEC_TREE): number => ns.reduce((a, n) => a + (n.help === '' ? 1 : 0) + (n.word === 'show' ? 0 : leaves(n.children ?? [])), 0);
  assert.equal(leaves(EXEC_TREE), 0, 'no node without help');
});
