/**
 * EIGRP interop: dmvpnd against FRR's eigrpd on a plain Ethernet segment (a bridge between two
 * namespaces). The adjacency comes up on both sides and each learns the other's LAN: dmvpnd's
 * `show ip route json` has FRR's 10.9.0.0/24 as D, FRR's `show ip route json` has dmvpnd's
 * 10.1.0.0/24 as eigrp. Skipped when FRR is not installed (apt-get install frr).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { nativeAvailable } from '../../../src/node/sys/native.js';
import { alive, RouterLab, until } from '../../helpers/router-lab.js';

const FRR = '/usr/lib/frr';
const isRoot = process.getuid?.() === 0;
const skip = !isRoot
  ? 'needs root'
  : !nativeAvailable()
    ? 'native addon not built'
    : !existsSync(join(FRR, 'eigrpd'))
      ? 'FRR not installed'
      : false;

const SCRATCH = '/var/tmp/frr';

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
}
const scratch = (): string[] => (existsSync(SCRATCH) ? readdirSync(SCRATCH) : []);

const R1 = `hostname r1
interface GigabitEthernet0/0
 ip address 192.0.2.1 255.255.255.0
interface Loopback0
 ip address 10.1.0.1 255.255.255.0
router eigrp 100
 network 192.0.2.0 0.0.0.255
 network 10.1.0.0 0.0.0.255
 eigrp router-id 1.1.1.1
`;

const EIGRPD = `hostname frr
router eigrp 100
 eigrp router-id 9.9.9.9
 network 192.0.2.0/24
 network 10.9.0.0/24
`;

describe('dmvpnd EIGRP against FRR eigrpd', { skip }, () => {
  let lab: RouterLab;
  let dir: string;
  let scratchBefore = new Set<string>();
  const vtysh = async (cmd: string): Promise<string> =>
    (await execa('ip', ['netns', 'exec', lab.ns('frr'), 'vtysh', '--vty_socket', dir, '-c', cmd], { reject: false }))
      .stdout;

  before(async () => {
    scratchBefore = new Set(scratch());
    lab = await RouterLab.create(['r1', 'frr']);
    dir = join(lab.dir, 'frr');
    chmodSync(lab.dir, 0o711); // the frr user reaches its folder
    mkdirSync(dir);
    writeFileSync(join(dir, 'zebra.conf'), 'hostname frr\n');
    writeFileSync(join(dir, 'eigrpd.conf'), EIGRPD);
    const uid = Number((await execa('id', ['-u', 'frr'])).stdout);
    const gid = Number((await execa('id', ['-g', 'frr'])).stdout);
    for (const f of ['', 'zebra.conf', 'eigrpd.conf']) chownSync(join(dir, f), uid, gid);
    const ns = lab.ns('frr');
    for (const args of [
      ['link', 'set', 'lo', 'up'],
      ['addr', 'add', '192.0.2.2/24', 'dev', 'eth0'],
      ['link', 'set', 'eth0', 'up'],
      ['link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'lan1'],
      ['link', 'set', 'lan1', 'up'],
      ['addr', 'add', '10.9.0.1/24', 'dev', 'lan0'],
      ['link', 'set', 'lan0', 'up'],
    ])
      await execa('ip', ['-n', ns, ...args]);
    for (const d of ['zebra', 'eigrpd']) {
      await execa('ip', [
        'netns',
        'exec',
        ns,
        join(FRR, d),
        '-d',
        '-P',
        '0',
        '-z',
        join(dir, 'zserv.api'),
        '--vty_socket',
        dir,
        '-i',
        join(dir, `${d}.pid`),
        '-f',
        join(dir, `${d}.conf`),
        '--log',
        `file:${join(dir, `${d}.log`)}`,
      ]);
      await until(`${d} started`, async () => (existsSync(join(dir, `${d}.pid`)) ? true : undefined), 10_000);
    }
    await lab.start('r1', R1);
  });

  after(async () => {
    try {
      // the FRR daemons of this test: every process whose command line names our folder
      const ours = (): number[] =>
        readdirSync('/proc')
          .filter((p) => /^\d+$/.test(p))
          .filter((p) => {
            try {
              return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`${dir}/`) && p !== String(process.pid);
            } catch {
              return false;
            }
          })
          .map(Number);
      for (const pid of ours()) signal(pid, 'SIGTERM');
      await until('the FRR daemons stopped', async () => (ours().length === 0 ? true : undefined), 10_000).catch(() => {
        for (const pid of ours()) signal(pid, 'SIGKILL');
      });
      // FRR's per-process scratch folders (/var/tmp/frr/eigrpd.PID) that our daemons left
      for (const f of scratch().filter((x) => !scratchBefore.has(x) && /^(eigrpd|zebra)\.\d+$/.test(x))) {
        if (!alive(Number(f.split('.')[1]))) rmSync(join(SCRATCH, f), { recursive: true, force: true });
      }
    } finally {
      await lab?.close();
    }
    assert.deepEqual(await lab.leftovers(), []);
  });

  it('forms the adjacency and exchanges routes both ways', async () => {
    const nbr = await until(
      'FRR as neighbor of dmvpnd',
      async () => {
        const j = await lab.query('r1', 'show ip eigrp neighbors');
        return (j.neighbors as Array<{ address: string; up: boolean }>).find((n) => n.address === '192.0.2.2' && n.up);
      },
      40_000,
    );
    assert.ok(nbr);
    const d = await until(
      '10.9.0.0/24 (D) on dmvpnd',
      async () => {
        const routes = (await lab.query('r1', 'show ip route')).routes as Array<{
          prefix: string;
          code: string;
          nextHop: string | null;
        }>;
        return routes.find((r) => r.prefix === '10.9.0.0' && r.code === 'D');
      },
      40_000,
    );
    assert.equal(d.nextHop, '192.0.2.2');
    const frr = await until(
      '10.1.0.0/24 (eigrp) on FRR',
      async () => {
        const j = JSON.parse((await vtysh('show ip route json')) || '{}') as Record<
          string,
          Array<{ protocol: string; nexthops: Array<{ ip?: string }> }>
        >;
        return j['10.1.0.0/24']?.find((r) => r.protocol === 'eigrp');
      },
      40_000,
    );
    assert.equal(frr.nexthops[0]?.ip, '192.0.2.1');
    const ping = await lab.exec('r1', ['ping', '-I', '10.1.0.1', '-c', '2', '-i', '0.2', '-W', '2', '10.9.0.1']);
    assert.equal(ping.code, 0, ping.stdout);
  });

  it('no router eigrp (live) says goodbye: FRR drops the neighbor at once, not after its 15 s hold time', async () => {
    assert.match(await vtysh('show ip eigrp neighbors'), /192\.0\.2\.1 +eth0/, 'FRR has dmvpnd as neighbor');
    const t0 = Date.now();
    const conf = await lab.ctl('r1', ['configure'], ['no router eigrp 100']);
    assert.equal(conf.code, 0, conf.stdout + conf.stderr);
    await until(
      'dmvpnd gone from the neighbors of FRR',
      async () => (/192\.0\.2\.1/.test(await vtysh('show ip eigrp neighbors')) ? undefined : true),
      20_000,
    );
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(seconds < 5, `gone after ${seconds} s`);
    // (FRR 8.4's eigrpd keeps the routes of a neighbor that said goodbye: not checked here)
    const routes = (await lab.query('r1', 'show ip route')).routes as Array<{ code: string }>;
    assert.equal(routes.filter((r) => r.code === 'D').length, 0, 'the EIGRP routes left the table');
    assert.equal((await lab.query('r1', 'show ip eigrp neighbors')).as, null);
  });
});
