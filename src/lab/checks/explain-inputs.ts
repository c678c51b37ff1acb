/**
 * The configurations `check --explain` reads: a course lab's (CML, GNS3) as published, cited in the
 * source file, or one of our topologies' startup-configs, cited in each .cfg file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { courseLabFormat, readCourseLab } from '../import/index.js';
import { loadTopology } from '../topology/load.js';
import type { ExplainInput } from './explain.js';

/** The routers' configurations of the lab file `file` (a topology or a course lab). */
export function explainInputs(file: string): ExplainInput[] {
  if (courseLabFormat(file) !== undefined) {
    return readCourseLab(file).nodes.flatMap((n) =>
      n.config
        ? [
            {
              node: n.name,
              file: basename(n.config.origin.file),
              firstLine: n.config.origin.firstLine,
              text: n.config.text,
            },
          ]
        : [],
    );
  }
  return loadTopology(file).nodes.flatMap((n) =>
    n.startupConfig && existsSync(n.startupConfig)
      ? [{ node: n.name, file: relative(process.cwd(), n.startupConfig), text: readFileSync(n.startupConfig, 'utf8') }]
      : [],
  );
}
