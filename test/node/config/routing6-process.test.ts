/** `ipv6 router ospf|rip`: a second process of one protocol is refused at its line, naming the first. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseConfig } from '../../../src/node/config/parse.js';

it('a second OSPFv3 or RIPng process is refused at its line, the first kept', () => {
  const text = 'hostname r\nipv6 router ospf 1\nipv6 router ospf 2\nipv6 router rip A\nipv6 router rip B\n';
  const r = parseConfig(text, { file: 'two.cfg' });
  assert.deepEqual(
    r.errors.map((e) => [e.line, e.ios]),
    [
      [3, '% OSPFv3 process 1 is configured; one process is supported'],
      [5, '% RIPng process A is configured; one process is supported'],
    ],
  );
  assert.equal(r.config.routing?.ospf6?.processId, 1);
  assert.equal(r.config.routing?.ripng?.name, 'A');
});
