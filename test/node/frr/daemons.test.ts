/** FRR daemons that die on their own: restarted after a second, left down (and logged) when they keep dying. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../../../src/node/config/parse.js';
import { FrrDaemons, RESTART_LIMIT } from '../../../src/node/frr/daemons.js';

const root = mkdtempSync(join(tmpdir(), 'dmvpn-frr-fake-'));
chmodSync(root, 0o755);
after(() => rmSync(root, { recursive: true, force: true }));

/** A folder of fake FRR daemons: zebra creates its zserv socket path and sleeps; ospfd dies `deaths` times first. */
function fakeFrr(name: string, deaths: number): string {
  const dir = join(root, name);
  mkdirSync(dir);
  // arguments as FrrDaemons passes them: -P 0 -z ZSERV --vty_socket DIR -i PID -f CONF --log file:LOG
  writeFileSync(join(dir, 'zebra'), '#!/bin/sh\ntouch "$4"\nexec sleep 600\n', { mode: 0o755 });
  writeFileSync(
    join(dir, 'ospfd'),
    `#!/bin/sh\nf="$6/ospfd.count"\nn=$(cat "$f" 2>/dev/null || echo 0)\necho $((n+1)) > "$f"\n[ "$n" -ge ${deaths} ] && exec sleep 600\nexit 3\n`,
    { mode: 0o755 },
  );
  return dir;
}

const config = parseConfig(
  'hostname r\ninterface Tunnel0\n ip address 172.16.0.1 255.255.255.0\nrouter ospf 1\n network 172.16.0.0 0.0.0.255 area 0\n',
).config;

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await sleep(50);
  return ok();
}

describe('FRR daemons that die', () => {
  it('a daemon that exits is logged and restarted; after that it runs on', async () => {
    const logs: string[] = [];
    const stateDir = join(root, 'once-state');
    const frr = new FrrDaemons({ stateDir, log: (l) => logs.push(l), frrDir: fakeFrr('once', 1) });
    try {
      assert.deepEqual(await frr.apply(config), []);
      assert.ok(await until(() => logs.some((l) => l.startsWith('%FRR-3-EXIT: ospfd exited (code 3)')), 5000));
      assert.ok(logs.some((l) => l.includes('restarting in 1 s (restart 1 of 3)')));
      assert.ok(await until(() => logs.filter((l) => l.startsWith('%FRR-5-START: ospfd')).length === 2, 5000));
      await sleep(300);
      assert.deepEqual(frr.daemons(), ['zebra', 'ospfd']);
    } finally {
      await frr.stop();
    }
    assert.deepEqual(frr.daemons(), []);
  });

  it(`a daemon that keeps dying is left down after ${RESTART_LIMIT} restarts, and says so`, async () => {
    const logs: string[] = [];
    const stateDir = join(root, 'always-state');
    const frr = new FrrDaemons({ stateDir, log: (l) => logs.push(l), frrDir: fakeFrr('always', 99) });
    try {
      await frr.apply(config);
      assert.ok(await until(() => logs.some((l) => l.startsWith('%FRR-2-GAVEUP: ospfd')), 10_000), logs.join('\n'));
      assert.equal(logs.filter((l) => l.startsWith('%FRR-3-EXIT: ospfd')).length, RESTART_LIMIT);
      assert.match(logs.find((l) => l.startsWith('%FRR-2-GAVEUP'))!, /after 3 restarts in 60 s: left down/);
      assert.deepEqual(frr.daemons(), ['zebra']);
    } finally {
      await frr.stop();
    }
  });

  it("a change of zebra's file (OSPF distribute-list prefix in) restarts zebra and the daemons on it", async () => {
    const logs: string[] = [];
    const stateDir = join(root, 'zebra-state');
    const frr = new FrrDaemons({ stateDir, log: (l) => logs.push(l), frrDir: fakeFrr('zebra', 0) });
    try {
      assert.deepEqual(await frr.apply(config), []);
      const starts = () => logs.filter((l) => l.startsWith('%FRR-5-START: zebra')).length;
      assert.equal(starts(), 1);
      const filtered = parseConfig(
        'hostname r\ninterface Tunnel0\n ip address 172.16.0.1 255.255.255.0\nip prefix-list L permit 10.0.0.0/8\n' +
          'router ospf 1\n network 172.16.0.0 0.0.0.255 area 0\n distribute-list prefix L in\n',
      ).config;
      assert.deepEqual(await frr.apply(filtered), []);
      assert.equal(starts(), 2, logs.join('\n'));
      assert.equal(logs.filter((l) => l.startsWith('%FRR-5-START: ospfd')).length, 2);
      assert.deepEqual(frr.daemons(), ['zebra', 'ospfd']);
      assert.deepEqual(await frr.apply(filtered), []);
      assert.equal(starts(), 2);
    } finally {
      await frr.stop();
    }
  });
});
