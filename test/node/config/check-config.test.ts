/** `dmvpnd --check-config FILE [--json]` run as a process, the way a person or a script runs it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigCheckReport } from '../../../src/node/config/check.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function dmvpnd(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/node/main.ts', ...args],
      { cwd: ROOT },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const GOOD = `hostname Spoke7
interface Tunnel0
 ip address 10.0.0.7 255.255.255.0
 ip nhrp authentication s3cret
 ip nhrp network-id 7
 ip nhrp nhs 10.0.0.1 nbma 192.0.2.1 multicast
 ip nhrp shortcut
 tunnel source GigabitEthernet0/1
 tunnel mode gre multipoint
 tunnel protection ipsec profile P
interface GigabitEthernet0/1
 ip address 198.51.100.7 255.255.255.0
 duplex auto
ip route 10.0.0.0 255.0.0.0 Tunnel0
line con 0
 login
`;

test('dmvpnd --check-config: text report, JSON report, and exit codes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-config-'));
  try {
    const good = join(dir, 'spoke7.cfg');
    const bad = join(dir, 'bad.cfg');
    writeFileSync(good, GOOD);
    writeFileSync(bad, 'interface Tunnel0\n ip nhrp holdtime abc\n');
    const [text, json, refused, missing] = await Promise.all([
      dmvpnd(['--check-config', good]),
      dmvpnd(['--check-config', good, '--json']),
      dmvpnd(['--check-config', bad]),
      dmvpnd(['--check-config', join(dir, 'nope.cfg')]),
    ]);

    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /hostname Spoke7, configuration loads/);
    assert.match(text.stdout, /Tunnel0 +tun0 +up +10\.0\.0\.7\/24/);
    assert.match(text.stdout, /GigabitEthernet0\/1 +eth1 +up +198\.51\.100\.7\/24/);
    assert.match(text.stdout, /mode gre multipoint, source GigabitEthernet0\/1 \(eth1 198\.51\.100\.7\)/);
    assert.match(text.stdout, /nhs +10\.0\.0\.1 \(nbma 192\.0\.2\.1\) priority 0 cluster 0 multicast/);
    assert.match(text.stdout, /redirect off, shortcut on/);
    assert.match(text.stdout, /protection +ipsec profile P \(IKEv2, ESP\)/);
    assert.match(text.stdout, /ip route 10\.0\.0\.0 255\.0\.0\.0 Tunnel0/);
    assert.match(text.stdout, /13 +duplex auto \[interface GigabitEthernet0\/1\] — not supported, ignored/);
    assert.match(text.stdout, /15 +line con 0 \(\+1 line\)/);
    assert.match(text.stdout, /Errors: none/);

    assert.equal(json.code, 0);
    const report = JSON.parse(json.stdout) as ConfigCheckReport;
    assert.equal(report.ok, true);
    assert.equal(report.hostname, 'Spoke7');
    assert.deepEqual(
      report.interfaces.map((i) => [i.name, i.linuxName]),
      [
        ['Tunnel0', 'tun0'],
        ['GigabitEthernet0/1', 'eth1'],
      ],
    );
    assert.equal(report.tunnels[0].nhrp.networkId, 7);
    assert.deepEqual(report.tunnels[0].nhrp.multicast, { nbma: ['192.0.2.1'], dynamic: false });
    assert.deepEqual(report.tunnels[0].source, {
      interface: 'GigabitEthernet0/1',
      linuxName: 'eth1',
      address: '198.51.100.7',
    });
    assert.equal(report.tunnels[0].protectionActive, true);
    assert.deepEqual(
      report.ignored.map((x) => x.line),
      [13, 15],
      'tunnel protection (line 10) is in force',
    );
    assert.equal(report.routes.length, 1);

    assert.equal(refused.code, 1);
    assert.match(
      refused.stdout,
      /bad\.cfg:2: {2}ip nhrp holdtime abc\n +\^\n% Invalid input detected at '\^' marker\./,
    );
    const caretLine = refused.stdout.split('\n').find((l) => l.trim() === '^')!;
    const echoed = refused.stdout.split('\n').find((l) => l.endsWith('ip nhrp holdtime abc'))!;
    assert.equal(echoed.slice(caretLine.indexOf('^')), 'abc');

    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /nope\.cfg: %Error opening .*nope\.cfg \(ENOENT\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
