/**
 * `validate`: checks a lab without starting anything — the topology file (schema and references),
 * then the checks in LAB_CHECKS over the whole lab (every router config as dmvpnd reads it, …).
 * Each problem carries file and line. A topology that does not load still has its configs checked.
 * A course lab (CML, GNS3) is checked through the importer (./course-lab.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { TopologyError } from '../errors.js';
import { courseLabFormat } from '../import/index.js';
import { validateAddresses } from '../topology/addresses.js';
import { loadTopology } from '../topology/load.js';
import type { Topology } from '../topology/types.js';
import { checkConfigs, configProblems, type ConfigReport } from './configs.js';
import { validateCourseLab } from './course-lab.js';
import type { Problem } from './problems.js';

/** What every lab check gets: the loaded topology and each router's `--check-config` report (by node name). */
export interface ValidateInput {
  topology: Topology;
  configs: Map<string, ConfigReport>;
}

/** A check over the whole lab. */
export interface LabCheck {
  name: string;
  run(input: ValidateInput): Problem[];
}

/** Every router config's errors and warnings. */
const routerConfigs: LabCheck = {
  name: 'router configs',
  run: ({ configs }) => [...configs.values()].flatMap(configProblems),
};

/** The same address twice on one segment (topology and router configs). */
const addressConflicts: LabCheck = {
  name: 'duplicate addresses',
  run: ({ topology, configs }) => {
    const byFile = new Map([...configs.values()].map((r) => [r.file, r]));
    return validateAddresses(topology, byFile).map(
      (i): Problem => ({
        file: i.file,
        line: i.line,
        column: i.column,
        severity: 'error',
        code: 'ADDRESS_DUPLICATE',
        message: `${i.field ? `${i.field}: ` : ''}${i.message}`,
      }),
    );
  },
};

/**
 * The configs a topology that does not load names (`topology.nodes.*.startup-config`, files that
 * exist), so their problems are reported along with the topology's.
 */
function namedConfigs(file: string): Array<{ node: string; config: string }> {
  try {
    const doc = parse(readFileSync(file, 'utf8')) as { topology?: { nodes?: Record<string, unknown> } } | null;
    const nodes = doc?.topology?.nodes ?? {};
    return Object.entries(nodes).flatMap(([node, v]) => {
      const c = (v as Record<string, unknown> | null)?.['startup-config'];
      const config = typeof c === 'string' ? resolve(dirname(file), c) : undefined;
      return config !== undefined && existsSync(config) ? [{ node, config }] : [];
    });
  } catch {
    return [];
  }
}

/** The checks validate runs over a loaded lab, in order. Add a check here (one line) to have `validate` run it. */
export const LAB_CHECKS: LabCheck[] = [routerConfigs, addressConflicts];

/** The result of validating one lab file. */
export interface Validation {
  file: string;
  /** Router configs checked. */
  configs: number;
  problems: Problem[];
  /** Set for a course lab: its format, and how many config lines not acted on are cosmetic (not listed). */
  format?: 'cml' | 'gns3';
  cosmetic?: number;
}

/** Validates the lab of `file`; throws TOPOLOGY_UNREADABLE when the file cannot be read. */
export async function validateLab(file: string, checks: LabCheck[] = LAB_CHECKS): Promise<Validation> {
  const format = courseLabFormat(file);
  if (format !== undefined) return { file, format, ...validateCourseLab(file, format) };
  let topology: Topology;
  try {
    topology = loadTopology(file);
  } catch (e) {
    if (!(e instanceof TopologyError)) throw e;
    const problems = e.issues.map(
      (i): Problem => ({
        file: i.file,
        line: i.line,
        column: i.column,
        severity: 'error',
        code: 'TOPOLOGY_INVALID',
        message: `${i.field ? `${i.field}: ` : ''}${i.message}`,
      }),
    );
    const named = namedConfigs(file);
    const reports = await checkConfigs(named.map((n) => n.config));
    return { file, configs: named.length, problems: [...problems, ...reports.flatMap(configProblems)] };
  }
  const routers = topology.nodes.filter((n) => n.startupConfig !== undefined);
  const reports = await checkConfigs(routers.map((n) => n.startupConfig!));
  const input: ValidateInput = { topology, configs: new Map(routers.map((n, i) => [n.name, reports[i]!])) };
  const problems = checks.flatMap((c) => c.run(input));
  return { file, configs: routers.length, problems };
}
