/**
 * The CI recipes of examples/ci/ cannot rot: their steps are those of run-steps.sh (checked here), and
 * run-steps.sh runs on a clean clone of the repository (HEAD) to a JUnit report with pcaps attached.
 * The clone installs into a temp prefix and keeps its lab state in a temp run dir; packages that are
 * installed already are not installed again (make apt), npm prefers its cache.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { parse, type TestSuites } from 'junit2json';
import { parse as parseYaml } from 'yaml';
import type { CheckReport } from '../../src/lab/checks/model.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);

const ROOT = join(import.meta.dirname, '..', '..');
const CI = join(ROOT, 'examples', 'ci');

/** The script's steps: the command lines after "### steps". */
function scriptSteps(): string[] {
  const text = readFileSync(join(CI, 'run-steps.sh'), 'utf8');
  const [, steps] = text.split(/^### steps$/m);
  assert.ok(steps, 'run-steps.sh has a "### steps" line');
  return lines(steps);
}

/** The defaults the script gives the recipes' variables (`: "${NAME:=value}"`). */
function scriptDefaults(): Record<string, string> {
  const text = readFileSync(join(CI, 'run-steps.sh'), 'utf8');
  return Object.fromEntries([...text.matchAll(/^: "\$\{(\w+):=([^}]*)\}"$/gm)].map((m) => [m[1]!, m[2]!]));
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

const yamlOf = (file: string) => parseYaml(readFileSync(join(CI, file), 'utf8'));

/** The size of a folder's files, in bytes. */
function sizeOf(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0) : s.size;
}

describe('CI recipes (examples/ci)', () => {
  it('the GitHub Actions workflow runs exactly the steps of run-steps.sh, with its variables', () => {
    const wf = yamlOf('github-actions.yml');
    const job = Object.values(
      wf.jobs as Record<string, { env: object; steps: Array<{ run?: string; uses?: string }> }>,
    )[0]!;
    const runs = job.steps.flatMap((s) => (s.run === undefined ? [] : lines(s.run)));
    assert.deepEqual(runs, scriptSteps());
    assert.deepEqual(job.env, scriptDefaults());
    const uses = job.steps.flatMap((s) => s.uses ?? []);
    assert.ok(uses.includes('actions/checkout@v4') && uses.includes('actions/setup-node@v4'));
    const upload = job.steps.find((s) => s.uses === 'actions/upload-artifact@v4') as
      | { if?: string; with: { path: string } }
      | undefined;
    assert.equal(upload?.if, 'always()', 'the reports are uploaded when a check failed too');
    assert.deepEqual(lines(upload!.with.path), ['reports/', 'labs/*/clab-*/pcaps/']);
  });

  it('the GitLab CI job runs exactly the steps of run-steps.sh, keeps the artifacts of a failed run, reads the JUnit report', () => {
    const job = yamlOf('gitlab-ci.yml')['dmvpn-lab'] as {
      variables: object;
      before_script: string[];
      script: string[];
      artifacts: { when: string; paths: string[]; reports: { junit: string } };
    };
    assert.deepEqual(job.script, scriptSteps());
    assert.deepEqual(job.variables, scriptDefaults());
    const shim = readFileSync(join(CI, 'run-steps.sh'), 'utf8').match(/^command -v sudo .*$/m)?.[0];
    assert.deepEqual(job.before_script, [shim]);
    assert.equal(job.artifacts.when, 'always');
    assert.deepEqual(job.artifacts.paths, ['reports/', 'labs/*/clab-*/pcaps/']);
    assert.equal(job.artifacts.reports.junit, 'reports/junit.xml');
  });

  const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';
  it('run-steps.sh on a clean clone: a JUnit report with passing tests, the pcaps it attaches, the JSON report', {
    skip,
    timeout: 15 * 60_000,
  }, async (t) => {
    const work = tempDir('dmvpn-lab-ci-');
    const repo = join(work, 'repo');
    await execa('git', ['clone', '--quiet', '--no-hardlinks', ROOT, repo]);
    const name = uniqueName('ci');
    const t0 = Date.now();
    const run = await execa('bash', ['examples/ci/run-steps.sh'], {
      cwd: repo,
      reject: false,
      all: true,
      env: {
        LAB_NAME: name,
        PREFIX: join(work, 'prefix'),
        PATH: `${join(work, 'prefix', 'bin')}:${process.env.PATH}`,
        DMVPN_LAB_RUN_DIR: join(work, 'run'),
        npm_config_prefer_offline: 'true',
        CI: 'true',
      },
    });
    const seconds = (Date.now() - t0) / 1000;
    const labFile = join(repo, 'labs', 'phase3', 'phase3.clab.yml');
    try {
      assert.equal(run.exitCode, 0, run.all?.slice(-4000));
      const junitText = readFileSync(join(repo, 'reports', 'junit.xml'), 'utf8');
      const junit = (await parse(junitText)) as TestSuites;
      assert.ok((junit.tests ?? 0) >= 8, `JUnit has the checks' and the assertions' test cases (${junit.tests})`);
      assert.equal(junit.failures, 0);
      assert.deepEqual(
        junit.testsuite!.map((s) => s.name),
        ['registration', 'phase', 'expect'],
      );
      const report = JSON.parse(readFileSync(join(repo, 'reports', 'report.json'), 'utf8')) as CheckReport;
      assert.equal(report.lab, name);
      assert.equal(report.summary.fail, 0);
      const attached = [...junitText.matchAll(/\[\[ATTACHMENT\|([^\]]+)\]\]/g)].map((m) => m[1]!);
      assert.ok(attached.length > 0, 'test cases attach the pcaps they cite');
      for (const a of new Set(attached)) {
        assert.ok(a.startsWith(`labs/phase3/clab-${name}/pcaps/`), `${a} is inside the workspace, relative`);
        assert.ok(existsSync(join(repo, a)), `${a} exists in the workspace (the artifacts upload it)`);
      }
      const pcaps = sizeOf(join(repo, 'labs', 'phase3', `clab-${name}`, 'pcaps'));
      const reports = sizeOf(join(repo, 'reports'));
      t.diagnostic(
        `recipe: ${seconds.toFixed(0)} s from a clean clone to the JUnit report; artifacts ${reports} B of reports + ${pcaps} B of pcaps`,
      );
    } finally {
      await assertNothingLeft(name, labFile);
    }
  });
});
