/**
 * validate on course labs (CML YAML, GNS3 projects), read through the importer: a reference lab has
 * no error; what import refuses (a node type, a link to a missing interface) is placed at its line
 * and column in the source file; a bad config line at its line and column in the YAML (or in the GNS3
 * startup-config); lines dmvpnd does not act on are warnings at their line; the CLI exits 1 on an error.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { validateLab } from '../../../src/lab/validate/index.js';
import { formatProblem } from '../../../src/lab/validate/problems.js';
import { CML_DIR, CML_SKIP } from '../../helpers/config.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';

after(removeTemps);
const CLI = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
const GNS3 = join(import.meta.dirname, '..', '..', 'fixtures', 'gns3', 'dmvpn-small');

/** The reference lab `name` with `edit` applied, in a temp folder; returns its path and lines. */
function cml(name: string, edit: (text: string) => string = (t) => t): { file: string; lines: string[] } {
  const file = join(tempDir('dmvpn-validate-cml-'), `${name}.yaml`);
  const text = edit(readFileSync(join(CML_DIR, `${name}.yaml`), 'utf8'));
  writeFileSync(file, text);
  return { file, lines: text.split('\n') };
}

/** 1-based line and column of the first line matching `re` (column of the match). */
function at(lines: string[], re: RegExp): string {
  const i = lines.findIndex((l) => re.test(l));
  assert.ok(i >= 0, `${re} in the file`);
  return `${i + 1}:${lines[i]!.search(re) + 1}`;
}

const skip = CML_SKIP || (!dmvpndAvailable() && 'dmvpnd not available');

describe('validate on a CML lab', { skip }, () => {
  it('a reference lab: no problem, its router configs checked, cosmetic lines counted', async () => {
    const v = await validateLab(join(CML_DIR, 'dmvpn-ipsec-final.yaml'));
    assert.equal(v.format, 'cml');
    assert.equal(v.configs, 3);
    assert.deepEqual(v.problems.map(formatProblem), []);
    assert.ok((v.cosmetic ?? 0) > 0);
  });

  it('a bad config line at its line and column in the YAML; a line not acted on as a warning there', async () => {
    const { file, lines } = cml('dmvpn-phase-2-final', (t) =>
      t
        .replace('ip nhrp nhs 172.16.123.1\n', 'ip nhrp nhs 172.16.123.300\n')
        .replace(' ip nhrp network-id 1\n', ' ip nhrp network-id 1\n           ip wccp web-cache\n'),
    );
    const v = await validateLab(file);
    const shown = v.problems.map(formatProblem);
    const bad = at(lines, /ip nhrp nhs 172\.16\.123\.300/);
    const [line] = bad.split(':');
    assert.ok(
      shown.some((p) =>
        new RegExp(`^${file}:${line}:\\d+: error: Spoke1: .*300.* \\[CONFIG_INVALID_INPUT\\]$`).test(p),
      ),
      shown.join('\n'),
    );
    const col = Number(/:(\d+): error/.exec(shown.find((p) => p.includes('300'))!)![1]);
    assert.ok(col >= Number(bad.split(':')[1]), `column ${col} is inside the indented config line (${bad})`);
    const wccp = lines.findIndex((l) => /ip wccp web-cache/.test(l)) + 1;
    assert.ok(
      shown.some((p) => p.startsWith(`${file}:${wccp}:12: warning: Hub: `) && /CONFIG_UNSUPPORTED/.test(p)),
      shown.join('\n'),
    );
  });

  it('what import refuses: at the node type and the link end in the YAML, exit 1 from the CLI', async () => {
    const { file, lines } = cml('dmvpn-phase-2-final', (t) =>
      t
        .replace('label: Spoke2\n    node_definition: iosv', 'label: Spoke2\n    node_definition: nxosv9000')
        .replace('i1: i2\n    i2: i1\n', 'i1: i9\n    i2: i1\n'),
    );
    const v = await validateLab(file);
    const shown = v.problems.map(formatProblem);
    assert.equal(shown.length, 2, shown.join('\n'));
    assert.ok(
      shown.includes(
        `${file}:${at(lines, /nxosv9000/)}: error: node "Spoke2" (n2): node_definition: nxosv9000: ` +
          `${/node type "nxosv9000" cannot run here.*/.exec(shown.join('\n'))?.[0]}`,
      ),
      shown.join('\n'),
    );
    assert.ok(
      shown.some((p) => p.startsWith(`${file}:${at(lines, /i9/)}: error: link l1: i1: `)),
      shown.join('\n'),
    );
    const r = await execa(process.execPath, ['--import', 'tsx', CLI, 'validate', file], { reject: false });
    assert.equal(r.exitCode, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /CML lab and 0 router configs: 2 errors/);
  });
});

describe('validate on a GNS3 project', { skip: !dmvpndAvailable() && 'dmvpnd not available' }, () => {
  it('passes as published; a refused node type at its JSON line; a bad line in a startup-config at its line', async () => {
    const dir = join(tempDir('dmvpn-validate-gns3-'), 'p');
    cpSync(GNS3, dir, { recursive: true });
    const project = join(dir, 'dmvpn-small.gns3');
    const good = await validateLab(project);
    assert.equal(good.format, 'gns3');
    assert.deepEqual(good.problems.filter((p) => p.severity === 'error').map(formatProblem), []);
    assert.ok(good.configs >= 2);

    const text = readFileSync(project, 'utf8').replace('"node_type": "ethernet_switch"', '"node_type": "cloud"');
    writeFileSync(project, text);
    const cfg = join(dir, 'project-files', 'iou', '4c1f6b0e-0000-4000-8000-000000000002', 'startup-config.cfg');
    const refused = (await validateLab(project)).problems.map(formatProblem);
    const line = text.split('\n').findIndex((l) => l.includes('"node_type": "cloud"')) + 1;
    assert.ok(
      refused.some((p) => p.startsWith(`${project}:${line}:`) && /node_type: cloud: .*never routes out/.test(p)),
      refused.join('\n'),
    );

    writeFileSync(project, readFileSync(join(GNS3, 'dmvpn-small.gns3')));
    const lines = readFileSync(cfg, 'utf8').replace('ip nhrp nhs 172.16.0.1', 'ip nhrp nhs 172.16.0.300').split('\n');
    writeFileSync(cfg, lines.join('\n'));
    const bad = (await validateLab(project)).problems.map(formatProblem);
    const n = lines.findIndex((l) => l.includes('172.16.0.300')) + 1;
    assert.ok(
      bad.some((p) => new RegExp(`^${cfg}:${n}:\\d+: error: .*CONFIG_INVALID_INPUT`).test(p)),
      bad.join('\n'),
    );
  });
});
