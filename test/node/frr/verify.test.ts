/** Routing lines FRR would not run are `--check-config` errors at their IOS lines (translation, FRR's dry run). */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCheckConfig } from '../../../src/node/cli/check-config.js';
import type { ConfigCheckReport } from '../../../src/node/config/check.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { frrInstalled } from '../../../src/node/frr/daemons.js';
import { translate } from '../../../src/node/frr/translate.js';
import { iosLineOf, untranslated } from '../../../src/node/frr/verify.js';

const dir = mkdtempSync(join(tmpdir(), 'dmvpnd-frr-verify-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const LAB_HUB = join(import.meta.dirname, '..', '..', '..', 'labs', 'ospf-phase3', 'hub.cfg');

/** `--check-config FILE --json` on `text`: the exit code and the report. */
async function checkConfig(text: string): Promise<{ code: number; report: ConfigCheckReport }> {
  const file = join(dir, `r${Math.random().toString(36).slice(2)}.cfg`);
  writeFileSync(file, text);
  let json = '';
  const code = await runCheckConfig([file], { json: true, write: (t) => void (json += t) });
  return { code, report: JSON.parse(json) as ConfigCheckReport };
}

const withOspf = (extra: string) =>
  readFileSync(LAB_HUB, 'utf8').replace(
    ' network 172.16.0.0 0.0.0.255 area 0\n',
    ` network 172.16.0.0 0.0.0.255 area 0\n${extra}`,
  );
const lineOf = (text: string, line: string) => text.split('\n').indexOf(line) + 1;

describe('routing lines FRR would not run', () => {
  it('finds the IOS line a daemon file line came from', () => {
    const ios = ['router ospf 1', ' network 172.16.0.0 0.0.0.255 area 0', ' area 0 range 10.0.0.0 255.0.0.0'];
    assert.equal(iosLineOf(ios, ' network 172.16.0.0/24 area 0'), 2);
    assert.equal(iosLineOf(ios, ' area 0 range 10.0.0.0/8'), 3);
    assert.equal(iosLineOf(ios, ' neighbor 10.0.0.1 remote-as 1'), undefined);
  });

  it('a network statement with a non-contiguous wildcard is not translated, and says so', () => {
    const r = parseConfig('router ospf 1\n network 10.0.0.1 0.255.0.255 area 0\n');
    assert.deepEqual(
      untranslated(translate(r.config)).map((c) => [c.daemon, c.frrText, c.message]),
      [['ospfd', 'network 10.0.0.1 0.255.0.255 area 0', 'a non-contiguous wildcard has no prefix form in FRR']],
    );
  });

  it('--check-config names the IOS line that cannot be translated, and exits 1', async () => {
    const text = withOspf(' network 10.0.0.1 0.255.0.255 area 0\n');
    const { code, report } = await checkConfig(text);
    assert.equal(code, 1);
    assert.deepEqual(
      report.errors.map((e) => [e.code, e.line, e.text]),
      [
        [
          'CONFIG_NOT_TRANSLATABLE',
          lineOf(text, ' network 10.0.0.1 0.255.0.255 area 0'),
          ' network 10.0.0.1 0.255.0.255 area 0',
        ],
      ],
    );
  });

  it("--check-config names the IOS line FRR refuses, with FRR's message", {
    skip: !frrInstalled() && 'FRR not installed',
  }, async () => {
    const text = withOspf(' area 0 stub\n');
    const { code, report } = await checkConfig(text);
    assert.equal(code, 1);
    const e = report.errors[0]!;
    assert.equal(report.errors.length, 1);
    assert.equal(e.code, 'CONFIG_REFUSED_BY_FRR');
    assert.equal(e.line, lineOf(text, ' area 0 stub'));
    assert.equal(e.ios, "% You can't configure stub to backbone");
    assert.match(e.message, /ospfd refused its line \d+ "area 0 stub"/);
    // the shipped lab's config is accepted as it is
    assert.deepEqual((await checkConfig(readFileSync(LAB_HUB, 'utf8'))).report.errors, []);
  });

  it('a route-map line every daemon carries is one error at its IOS line', async () => {
    const text =
      'ip prefix-list A permit 10.0.0.0/8\nip prefix-list B permit 10.1.0.0/16\nroute-map TWO permit 10\n' +
      ` match ip address prefix-list A B\n${withOspf(' redistribute static subnets route-map TWO\n')}`.replace(
        '\nend',
        '\nrouter rip\n network 10.0.0.0\nend',
      );
    const { code, report } = await checkConfig(text);
    assert.equal(code, 1);
    assert.deepEqual(
      report.errors.map((e) => [e.code, e.line]),
      [['CONFIG_NOT_TRANSLATABLE', lineOf(text, ' match ip address prefix-list A B')]],
    );
  });
});
