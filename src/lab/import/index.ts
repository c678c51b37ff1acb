/**
 * Course labs from other tools: `import` reads a CML 2.x lab or a GNS3 project and writes it in our
 * format with a report of the configuration lines dmvpnd does not act on; `up` and `check` on such a
 * file import it into the lab's folder first (clab-<name>/import/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../errors.js';
import { labDirFor } from '../paths.js';
import { readStartupConfigs } from '../startup-configs.js';
import { validateAddresses } from '../topology/addresses.js';
import { TopologyError } from '../errors.js';
import { readCml, looksLikeCml } from './cml.js';
import { readGns3 } from './gns3.js';
import type { ImportedLab } from './model.js';
import { labNameOfFile } from './names.js';
import { buildReport, routerReport, type ImportReport } from './report.js';
import { writeLab } from './write.js';

export { ImportError } from './errors.js';
export type { ImportReport } from './report.js';
export { reportText } from './report.js';

/** Which tool a file comes from: `cml`, `gns3`, or undefined for one of our topologies (or anything else). */
export function courseLabFormat(file: string): 'cml' | 'gns3' | undefined {
  if (/\.gns3$/i.test(file)) return 'gns3';
  if (!/\.ya?ml$/i.test(file)) return undefined;
  try {
    return looksLikeCml(readFileSync(file, 'utf8')) ? 'cml' : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a course lab file into our terms (nothing written); throws ImportError (exit 2) listing every problem. */
export function readCourseLab(file: string): ImportedLab {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new LabError('TOPOLOGY_UNREADABLE', `cannot read ${file}: ${(cause as Error).message}`, {
      cause,
      exitCode: 2,
    });
  }
  return /\.gns3$/i.test(file) || text.trimStart().startsWith('{') ? readGns3(text, file) : readCml(text, file);
}

/** Options of an import. */
export interface ImportOptions {
  /** Folder to write into (default: ./<lab name>/). */
  out?: string;
  /** Lab name (default: the file's base name). */
  name?: string;
}

/** Imports `file` into a folder: the topology, the router configs, and the report of lines not acted on. */
export function importCourseLab(file: string, opts: ImportOptions = {}): ImportReport {
  const t0 = Date.now();
  const lab = readCourseLab(file);
  if (opts.name !== undefined) lab.name = opts.name;
  const dir = opts.out ?? lab.name;
  const routers = lab.nodes.filter((n) => n.config);
  let reports: ReturnType<typeof readStartupConfigs> = [];
  const { topologyFile } = writeLab(lab, dir, (topology) => {
    const cfgs = topology.nodes.filter((n) => n.startupConfig).map((n) => n.startupConfig!);
    reports = readStartupConfigs(cfgs);
    const issues = validateAddresses(topology, new Map(cfgs.map((f, i) => [f, reports[i]!])));
    if (issues.length > 0) throw new TopologyError(topology.file, issues);
  });
  const rr = routers.map((n, i) =>
    routerReport(
      n.name,
      join(dir, `${n.name}.cfg`),
      n.config!.origin.firstLine,
      n.config!.origin.file,
      reports[i]!,
      n.config!.text,
    ),
  );
  return buildReport(lab, topologyFile, rr, Date.now() - t0);
}

/** The lab name a course lab file will have (without reading it all): its base name, or `name`. */
export function courseLabName(file: string, name?: string): string {
  return name ?? labNameOfFile(file);
}

/**
 * For `up` and `check`: the topology file to run for `file`. One of our topologies is itself; a course
 * lab is imported into `clab-<name>/import/` next to it and that topology is returned.
 */
export function topologyFor(file: string, name?: string): { topologyFile: string; labDir?: string } {
  if (courseLabFormat(file) === undefined) return { topologyFile: file };
  const lab = readCourseLab(file);
  if (name !== undefined) lab.name = name;
  const labDir = labDirFor(file, lab.name);
  const { topologyFile } = writeLab(lab, join(labDir, 'import'));
  return { topologyFile, labDir };
}
