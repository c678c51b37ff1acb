import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addrAdd,
  ip,
  linkUp,
  netnsAdd,
  netnsDelete,
  netnsList,
  routeDelete,
  routeReplace,
} from '../../../src/node/sys/kernel.js';
import { SysError } from '../../../src/node/sys/errors.js';

const skip = process.getuid?.() === 0 ? false : 'needs root (creates a network namespace)';

test('kernel helpers configure links, addresses and routes inside a namespace and report failures', {
  skip,
}, async () => {
  const ns = `dpt-${process.pid}-k`;
  await netnsAdd(ns);
  try {
    assert.ok((await netnsList()).includes(ns));
    await ip(['link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1'], { netns: ns });
    await linkUp('d0', { netns: ns, mtu: 1400 });
    await addrAdd('d0', '198.51.100.1/24', { netns: ns });
    await routeReplace({ prefix: '203.0.113.0/24', via: '198.51.100.2' }, { netns: ns });
    await routeReplace({ prefix: '203.0.113.0/24', via: '198.51.100.3' }, { netns: ns }); // replace is repeatable
    const link = await ip(['-o', 'link', 'show', 'd0'], { netns: ns });
    assert.match(link, /mtu 1400/);
    assert.match(await ip(['-o', 'addr', 'show', 'd0'], { netns: ns }), /198\.51\.100\.1\/24/);
    assert.match(await ip(['route', 'show', '203.0.113.0/24'], { netns: ns }), /via 198\.51\.100\.3/);
    await routeDelete({ prefix: '203.0.113.0/24' }, { netns: ns });
    await routeDelete({ prefix: '203.0.113.0/24' }, { netns: ns }); // already gone: not an error
    assert.equal(await ip(['route', 'show', '203.0.113.0/24'], { netns: ns }), '');
    await assert.rejects(addrAdd('nosuchdev', '198.51.100.9/24', { netns: ns }), (e: unknown) => {
      return (
        e instanceof SysError && e.code === 'COMMAND_FAILED' && /nosuchdev/.test(e.message) && e.cause !== undefined
      );
    });
  } finally {
    await netnsDelete(ns);
  }
  assert.ok(!(await netnsList()).includes(ns));
  await netnsDelete(ns); // deleting a missing namespace is not an error
});
