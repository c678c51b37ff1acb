import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, type TestSuites } from 'junit2json';
import { result, summarize, type CheckReport, type CheckResult } from '../../../src/lab/checks/model.js';
import { caseName, junitXml } from '../../../src/lab/report/junit.js';
import { reportJson } from '../../../src/lab/report/json.js';
import { columns, reportText } from '../../../src/lab/report/text.js';
import { escapeXml, renderXml } from '../../../src/lab/report/xml.js';

const RESULTS: CheckResult[] = [
  result('registration', ['spoke1', 'hub'], 'pass', 'spoke1 registered with hub', {
    figures: { registrationRttMs: 1.2 },
    evidence: [{ pcap: '/l/pcaps/spoke1-eth1.pcap', frames: [3, 4], what: 'Registration Request' }],
  }),
  result(
    'registration',
    ['spoke2', 'hub'],
    'fail',
    'NHRP authentication differs: spoke2 has "<WR&NG>", hub expects \'DMVPN\'\u0001',
    {
      figures: { nhsState: 'probe', repliesReceived: null },
      evidence: [{ pcap: '/l/pcaps/hub-eth1.pcap', frames: [9], what: 'Error Indication from the NHS' }],
    },
  ),
  result('phase', ['spoke1', 'spoke2'], 'pass', 'Phase 3: …', { step: 'Phase 3', figures: { setupMs: 42.5 } }),
  result('failover', [], 'skip', 'needs two hubs'),
];

const REPORT: CheckReport = {
  lab: 'p3',
  topologyFile: '/l/p3.clab.yml',
  labDir: '/l/clab-p3',
  startedAt: '2026-11-23T12:00:00.123Z',
  durationMs: 12_345,
  broughtUp: true,
  keptUp: false,
  pcaps: ['/l/pcaps/hub-eth1.pcap'],
  checks: [
    { name: 'registration', durationMs: 1500 },
    { name: 'phase', durationMs: 9000 },
    { name: 'failover', durationMs: 0, notApplicable: 'needs two hubs' },
  ],
  results: RESULTS,
  summary: summarize(RESULTS),
};

describe('check: reports', () => {
  it('escapes text for XML and drops characters XML 1.0 forbids', () => {
    assert.equal(escapeXml(`a<b>&"c'\u0001\u0008d\t`), 'a&lt;b&gt;&amp;&quot;c&apos;d\t');
    assert.equal(
      renderXml({ name: 'a', attrs: { x: 'l1\nl2', y: undefined }, children: [{ name: 'b' }, 'z'] }),
      '<?xml version="1.0" encoding="UTF-8"?>\n<a x="l1&#10;l2">\n  <b/>\n  z\n</a>\n',
    );
  });

  it('writes JUnit XML that a JUnit reader parses: a suite per check, a case per node pair, the reason as failure message', async () => {
    const parsed = (await parse(junitXml(REPORT))) as TestSuites;
    assert.equal(parsed.tests, 4);
    assert.equal(parsed.failures, 1);
    assert.deepEqual(
      parsed.testsuite?.map((s) => [s.name, s.tests, s.failures, s.skipped, s.time]),
      [
        ['registration', 2, 1, 0, 1.5],
        ['phase', 1, 0, 0, 9],
        ['failover', 1, 0, 1, 0],
      ],
    );
    const cases = parsed.testsuite!.flatMap((s) => s.testcase ?? []);
    assert.deepEqual(
      cases.map((c) => [c.classname, c.name]),
      [
        ['dmvpn-lab.p3.registration', 'spoke1 → hub'],
        ['dmvpn-lab.p3.registration', 'spoke2 → hub'],
        ['dmvpn-lab.p3.phase', 'spoke1 → spoke2 [Phase 3]'],
        ['dmvpn-lab.p3.failover', 'lab'],
      ],
    );
    assert.equal(
      cases[1]!.failure?.[0]?.message,
      'NHRP authentication differs: spoke2 has "<WR&NG>", hub expects \'DMVPN\'',
    );
    assert.match(
      cases[1]!.failure?.[0]?.inner ?? '',
      /evidence: \/l\/pcaps\/hub-eth1\.pcap frames 9: Error Indication/,
    );
    assert.equal(cases[0]!.failure, undefined);
    assert.equal(cases[3]!.skipped?.[0]?.message, 'needs two hubs');
    assert.match(cases[2]!['system-out']?.[0] ?? '', /figures: setupMs=42\.5/);
  });

  it('prints a table with every result and the evidence of failures, and JSON with all of it', () => {
    const text = reportText(REPORT);
    const lines = text.split('\n');
    assert.match(lines[1]!, /^STATUS\s+CHECK\s+NODES\s+REASON$/);
    assert.match(text, /^FAIL\s+registration\s+spoke2 → hub\s+NHRP authentication differs/m);
    assert.match(text, /^skip\s+failover\s+lab\s+needs two hubs$/m);
    assert.match(
      text,
      /registration spoke2 → hub: \/l\/pcaps\/hub-eth1\.pcap frames 9 \(Error Indication from the NHS\)/,
    );
    assert.match(text, /2 passed, 1 failed, 1 skipped in 12\.3 s/);
    assert.deepEqual(JSON.parse(reportJson(REPORT)), JSON.parse(JSON.stringify(REPORT)));
    assert.deepEqual(
      columns([
        ['a', 'bb', 'c'],
        ['ccc', 'd', 'e'],
      ]),
      ['a    bb  c', 'ccc  d   e'],
    );
    assert.equal(caseName(RESULTS[0]!), 'spoke1 → hub');
  });
});
