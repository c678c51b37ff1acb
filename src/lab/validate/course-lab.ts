/**
 * `validate` on a course lab (CML YAML, GNS3 project): read through the importer, so what `import`
 * and `up` would refuse is reported, each problem at its line and column in the source file; then
 * the topology it becomes and every router configuration, as for our own topologies, with config
 * lines placed back in the source (the CML YAML line, the GNS3 startup-config line); and, as
 * warnings, the configuration lines dmvpnd does not act on (cosmetic ones only counted).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError, type ImportIssue } from '../import/errors.js';
import { readCourseLab } from '../import/index.js';
import type { ImportedLab, ImportedNode } from '../import/model.js';
import { formatImportIssue } from '../import/errors.js';
import { routerReport } from '../import/report.js';
import { writeLab } from '../import/write.js';
import { readStartupConfigs, type StartupConfigReport } from '../startup-configs.js';
import { validateAddresses } from '../topology/addresses.js';
import { LabError, TopologyError } from '../errors.js';
import { configProblems } from './configs.js';
import { locateIssue, sourceDoc, type SourceDoc } from './locate.js';
import type { Problem } from './problems.js';

/** What validating a course lab found. */
export interface CourseLabValidation {
  configs: number;
  problems: Problem[];
  /** Configuration lines not acted on that change nothing a lab can observe (banners, line settings …). */
  cosmetic: number;
}

function importProblems(file: string, s: SourceDoc, issues: ImportIssue[]): Problem[] {
  return issues.map((i): Problem => {
    const p = locateIssue(s, i);
    return {
      file,
      line: p.line,
      ...(p.column !== undefined ? { column: p.column } : {}),
      severity: 'error',
      code: 'IMPORT_INVALID',
      message: formatImportIssue(i),
    };
  });
}

/** Moves a problem found in a written `<node>.cfg` to the node's configuration in the source file. */
function toSource(p: Problem, n: ImportedNode, sourceLines: Map<string, string[]>): Problem {
  const origin = n.config!.origin;
  const line = origin.firstLine + p.line - 1;
  if (!sourceLines.has(origin.file)) sourceLines.set(origin.file, readFileSync(origin.file, 'utf8').split(/\r?\n/));
  const src = sourceLines.get(origin.file)![line - 1] ?? '';
  const cfg = n.config!.text.split(/\r?\n/)[p.line - 1] ?? '';
  const indent = src.endsWith(cfg) ? src.length - cfg.length : 0;
  return {
    ...p,
    file: origin.file,
    line: p.line > 0 ? line : 0,
    ...(p.column !== undefined ? { column: p.column + indent } : {}),
    message: `${n.name}: ${p.message}`,
  };
}

/** Validates the course lab in `file` (`format` as detected); throws only when the file cannot be read. */
export function validateCourseLab(file: string, format: 'cml' | 'gns3'): CourseLabValidation {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new LabError('TOPOLOGY_UNREADABLE', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  const s = sourceDoc(text, format);
  let lab: ImportedLab;
  try {
    lab = readCourseLab(file);
  } catch (e) {
    if (e instanceof ImportError) return { configs: 0, problems: importProblems(file, s, e.issues), cosmetic: 0 };
    throw e;
  }
  const routers = lab.nodes.filter((n) => n.config);
  const problems: Problem[] = [];
  let reports: StartupConfigReport[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'dmvpn-validate-'));
  try {
    writeLab(lab, tmp, (topology) => {
      reports = readStartupConfigs(topology.nodes.filter((n) => n.startupConfig).map((n) => n.startupConfig!));
      const byFile = new Map(reports.map((r) => [r.file, r]));
      const issues = validateAddresses(topology, byFile);
      if (issues.length > 0) throw new TopologyError(topology.file, issues);
    });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    problems.push(...importProblems(file, s, e.issues));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const lines = new Map<string, string[]>();
  let cosmetic = 0;
  routers.forEach((n, i) => {
    const r = reports[i];
    if (!r) return;
    problems.push(...configProblems(r).map((p) => toSource(p, n, lines)));
    const rr = routerReport(n.name, r.file, n.config!.origin.firstLine, n.config!.origin.file, r, n.config!.text);
    for (const l of rr.lines) {
      if (l.status === 'error') continue;
      if (l.cosmetic) {
        cosmetic++;
        continue;
      }
      const more = l.more > 0 ? ` (+${l.more} lines)` : '';
      const p: Problem = {
        file: r.file,
        line: l.line,
        column: (n.config!.text.split(/\r?\n/)[l.line - 1] ?? '').search(/\S|$/) + 1,
        severity: 'warning',
        code: l.status === 'inactive' ? 'CONFIG_INACTIVE' : 'CONFIG_UNSUPPORTED',
        message: `${l.status === 'inactive' ? 'not active' : 'not supported'}: ${l.text}${more} — ${l.reason}`,
      };
      problems.push(toSource(p, n, lines));
    }
  });
  return { configs: routers.length, problems, cosmetic };
}
