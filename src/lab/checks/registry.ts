/** The catalogue of checks, in the order they run, and which of them apply to a lab. */
import type { Check } from './context.js';
import { CheckError } from './errors.js';
import { failoverCheck } from './failover.js';
import { ipsecCheck } from './ipsec.js';
import { CHECK_NAMES, type CheckName } from './model.js';
import { multicastCheck } from './multicast.js';
import { natCheck } from './nat.js';
import { phaseCheck } from './phase.js';
import { qosCheck } from './qos.js';
import { reachabilityCheck } from './reachability.js';
import { registrationCheck } from './registration.js';
import { routingCheck } from './routing.js';
import { transitionCheck } from './transition.js';
import type { LabView } from './view.js';

/** Every check. Those that change the lab (transition reconfigures it, failover stops a hub) come last. */
export const CHECKS: readonly Check[] = [
  registrationCheck,
  routingCheck,
  phaseCheck,
  reachabilityCheck,
  multicastCheck,
  natCheck,
  ipsecCheck,
  qosCheck,
  transitionCheck,
  failoverCheck,
];

/** Validates `--only` names; throws CHECK_UNKNOWN naming the known ones. */
export function parseOnly(only: string[] | undefined): CheckName[] | undefined {
  if (only === undefined) return undefined;
  const bad = only.filter((n) => !(CHECK_NAMES as readonly string[]).includes(n));
  if (bad.length > 0)
    throw new CheckError(
      'CHECK_UNKNOWN',
      `unknown check${bad.length > 1 ? 's' : ''} ${bad.join(', ')} (known: ${CHECK_NAMES.join(', ')})`,
    );
  return only as CheckName[];
}

/** The checks to run on a lab, each with why it is skipped when it does not apply or was not asked for. */
export function planChecks(view: LabView, only?: CheckName[]): Array<{ check: Check; skip?: string }> {
  return CHECKS.filter((c) => !only || only.includes(c.name)).map((check) => {
    const skip = check.notApplicable(view);
    return skip === undefined ? { check } : { check, skip };
  });
}
