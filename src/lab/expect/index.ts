/**
 * Assertions of one's own next to the inferred checks (`dmvpn-lab check LAB --expect FILE`): the
 * file is read and validated against the lab's topology before the lab comes up, and its check runs
 * after the checks that only watch the lab and before those that change it (transition, failover).
 */
import { existsSync, statSync } from 'node:fs';
import type { Check } from '../checks/context.js';
import { findLab } from '../state.js';
import { loadTopology } from '../topology/load.js';
import { expectCheck } from './check.js';
import { loadExpectations, type ExpectFile } from './load.js';

export { ExpectError } from './errors.js';
export { expectCheck } from './check.js';
export { loadExpectations, parseExpectations, type ExpectFile, type Expectation } from './load.js';

/** Reads `file` and validates it against the topology of `target` (a topology file, or a lab that is up). */
export function prepareExpectations(file: string, target: string, name?: string): ExpectFile {
  const isFile = existsSync(target) && statSync(target).isFile();
  const topology = isFile
    ? loadTopology(target, name === undefined ? {} : { name })
    : loadTopology(findLab(target).topologyFile, { name: target });
  return loadExpectations(file, topology);
}

/** Checks that change the lab: the assertions run before them. */
const CHANGING = new Set(['transition', 'failover']);

/** The plan with the expectations' check inserted before the first check that changes the lab. */
export function withExpectations(
  plan: Array<{ check: Check; skip?: string }>,
  file: ExpectFile | undefined,
): Array<{ check: Check; skip?: string }> {
  if (file === undefined) return plan;
  const at = plan.findIndex((p) => CHANGING.has(p.check.name));
  const out = [...plan];
  out.splice(at < 0 ? plan.length : at, 0, { check: expectCheck(file) });
  return out;
}
