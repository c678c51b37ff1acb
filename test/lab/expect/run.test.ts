import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse, type TestSuites } from 'junit2json';
import { runChecks } from '../../../src/lab/checks/runner.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { junitXml } from '../../../src/lab/report/junit.js';
import { assertNothingLeft, copyLab, isRoot, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

// Lines matter: the failures must name them.
const EXPECT = [
  'defaults: { wait: 1s, every: 250ms }',
  'expect:',
  '  - node: spoke2', // 3: holds
  '    show: show ip nhrp nhs',
  '    path: interfaces[].nhs[].state',
  '    equals: up',
  '  - route: 10.9.9.0/24', // 7: never holds
  '    on: spoke1',
  '    fail: no route to the data centre',
  '  - { nhrp: spoke2, on: spoke1, type: static, wait: 0 }', // 10: never holds (no static entry for spoke2)
  '  - { ping: host2, from: host1, count: 2 }', // 11: holds
  '  - { node: hub, show: show ip nhrp, text: true, lacks: "incomplete" }', // 12: holds
].join('\n');

describe('check --expect on a running lab', { skip }, () => {
  it('runs each assertion as a result with the output that decided it; failures name their line', async () => {
    const file = copyLab('phase3');
    const expect = join(dirname(file), 'lab.expect.yml');
    writeFileSync(expect, EXPECT);
    const name = uniqueName('exp');
    try {
      const report = await runChecks(file, { name, only: ['expect'], expect });
      assert.deepEqual(
        report.checks.map((c) => c.name),
        ['expect'],
      );
      const rs = report.results;
      assert.deepEqual(
        rs.map((r) => [r.nodes.join(','), r.status]),
        [
          ['spoke2', 'pass'],
          ['spoke1', 'fail'],
          ['spoke1', 'fail'],
          ['host1', 'pass'],
          ['hub', 'pass'],
        ],
      );
      assert.match(
        rs[1]!.reason,
        /lab\.expect\.yml:7:5: no route to the data centre: spoke1 has no route 10\.9\.9\.0\/24/,
      );
      assert.match(rs[1]!.reason, /\(\d+ tries in 1\.\d s\)$/);
      assert.ok((rs[1]!.figures.tries as number) >= 2, 'retried within its wait budget');
      assert.match(rs[1]!.output!, /^spoke1# show ip route json\n\{/);
      assert.match(
        rs[2]!.reason,
        /lab\.expect\.yml:10:5: spoke1 has .*, expected 172\.16\.0\.12 static \(1 try in 0\.\d s\)$/,
      );
      assert.equal(rs[2]!.figures.tries, 1);
      assert.match(rs[0]!.output!, /"state": "up"/);
      assert.equal(rs[3]!.figures.received, 2);
      assert.ok(rs[3]!.evidence.length > 0, 'the echoes are cited in the pcaps');
      const parsed = (await parse(junitXml(report, { base: dirname(file) }))) as TestSuites;
      const cases = parsed.testsuite![0]!.testcase!;
      assert.equal(cases.length, 5);
      assert.equal(cases[1]!.failure?.[0]?.message, rs[1]!.reason);
      assert.match(cases[1]!['system-out']!.join('\n'), /spoke1# show ip route json/);
      assert.match(
        cases[3]!['system-out']!.join('\n'),
        new RegExp(`\\[\\[ATTACHMENT\\|clab-${name}/pcaps/\\S+\\.pcap\\]\\]`),
      );
    } finally {
      await assertNothingLeft(name, file);
    }
  });

  it('adjacency: EIGRP neighbors up on the hub and toward the hub, none between the spokes', async () => {
    const file = copyLab('eigrp-phase2');
    const expect = join(dirname(file), 'lab.expect.yml');
    writeFileSync(
      expect,
      [
        'defaults: { wait: 30s }',
        'expect:',
        '  - { adjacency: eigrp, on: hub, atLeast: 2 }',
        '  - { adjacency: eigrp, on: spoke1, with: hub }',
        '  - { adjacency: eigrp, on: spoke1, with: spoke2, wait: 0 }',
      ].join('\n'),
    );
    const name = uniqueName('exe');
    try {
      const report = await runChecks(file, { name, only: ['expect'], expect });
      const rs = report.results.map((r) => `${r.status} ${r.reason.replace(/^.*lab\.expect\.yml:\d+:\d+: /, '')}`);
      assert.equal(rs.length, 3);
      assert.match(rs[0]!, /^pass hub: 2 eigrp neighbors up \(172\.16\.0\.1[12] up, 172\.16\.0\.1[12] up\)$/);
      assert.equal(rs[1], 'pass spoke1: 1 eigrp neighbor 172.16.0.1 up (172.16.0.1 up)');
      assert.match(
        rs[2]!,
        /^fail spoke1: 0 eigrp neighbor 172\.16\.0\.12 up, expected 1 \(none\) \(1 try in 0\.\d s\)$/,
      );
      assert.match(report.results[0]!.output!, /^hub# show ip eigrp neighbors json\n/);
    } finally {
      await assertNothingLeft(name, file);
    }
  });
});
