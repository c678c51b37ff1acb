import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, type TestSuites } from 'junit2json';
import { result, summarize, type CheckReport, type CheckResult } from '../../../src/lab/checks/model.js';
import { attachmentLine, junitXml } from '../../../src/lab/report/junit.js';
import { reportText } from '../../../src/lab/report/text.js';

const RESULTS: CheckResult[] = [
  {
    ...result('expect', ['spoke1'], 'fail', 'e.yml:3:5: spoke1 is not registered', {
      step: 'registered',
      evidence: [
        { pcap: '/w/labs/p3/clab-p3/pcaps/hub-eth1.pcap', frames: [3, 9], what: 'Registration Request' },
        { pcap: '/w/labs/p3/clab-p3/pcaps/hub-eth1.pcap', frames: [10], what: 'Registration Reply' },
        { pcap: '/elsewhere/spoke1-eth1.pcap', frames: [1], what: 'x' },
      ],
    }),
    output: 'spoke1# show ip nhrp nhs json\n{ "interfaces": [] }',
  },
];
const REPORT: CheckReport = {
  lab: 'p3',
  topologyFile: '/w/labs/p3/p3.clab.yml',
  labDir: '/w/labs/p3/clab-p3',
  startedAt: '2026-12-01T10:00:00.000Z',
  durationMs: 1000,
  broughtUp: true,
  keptUp: false,
  pcaps: [],
  checks: [{ name: 'expect', durationMs: 800 }],
  results: RESULTS,
  summary: summarize(RESULTS),
};

describe('JUnit: evidence for CI servers', () => {
  it('system-out carries frame numbers, the show output and each pcap once as [[ATTACHMENT|path]]', async () => {
    const parsed = (await parse(junitXml(REPORT, { base: '/w' }))) as TestSuites;
    const tc = parsed.testsuite![0]!.testcase![0]!;
    const out = tc['system-out']!.join('\n');
    assert.match(out, /evidence: \/w\/labs\/p3\/clab-p3\/pcaps\/hub-eth1\.pcap frames 3,9: Registration Request/);
    assert.match(out, /spoke1# show ip nhrp nhs json\n\{ "interfaces": \[\] \}/);
    const attachments = out.split('\n').filter((l) => l.startsWith('[[ATTACHMENT|'));
    assert.deepEqual(attachments, [
      '[[ATTACHMENT|labs/p3/clab-p3/pcaps/hub-eth1.pcap]]',
      '[[ATTACHMENT|/elsewhere/spoke1-eth1.pcap]]',
    ]);
  });

  it('attachment paths: relative under the base, absolute elsewhere or without a base', () => {
    assert.equal(attachmentLine('/w/a/b.pcap', '/w'), '[[ATTACHMENT|a/b.pcap]]');
    assert.equal(attachmentLine('/x/b.pcap', '/w'), '[[ATTACHMENT|/x/b.pcap]]');
    assert.equal(attachmentLine('/w/b.pcap'), '[[ATTACHMENT|/w/b.pcap]]');
  });
});

describe('text report: the output of failures', () => {
  it('prints the first lines of the output that decided a failed result', () => {
    const long = {
      ...RESULTS[0]!,
      output: ['spoke1# show ip route json', ...Array.from({ length: 30 }, (_, i) => `line ${i}`)].join('\n'),
    };
    const text = reportText({ ...REPORT, results: [long, result('expect', ['hub'], 'pass', 'ok')] });
    assert.match(
      text,
      /output that decided failures \(first 20 lines\):\n {2}expect spoke1 \[registered\]:\n {4}spoke1# show ip route json\n {4}line 0\n/,
    );
    assert.match(text, / {4}line 18\n {4}… 11 more lines \(in the JSON and JUnit reports\)\n/);
    assert.doesNotMatch(text, /line 19/);
  });
});
