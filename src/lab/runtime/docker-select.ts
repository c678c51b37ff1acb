/**
 * Which runtime a lab is brought up with, and why (printed by `up` and `check`). One rule:
 * `--runtime` if given, else $DMVPN_LAB_RUNTIME if set, else netns. Docker is never chosen
 * silently because a daemon happens to answer. A lab that is up keeps the runtime it was made with.
 */
import { DEFAULT_RUNTIME } from './index.js';

/** A runtime choice and the reason given for it. */
export interface RuntimeChoice {
  name: string;
  reason: string;
}

/** The runtime for a lab about to be brought up: `flag` (--runtime), else $DMVPN_LAB_RUNTIME, else netns. */
export function chooseRuntime(flag?: string): RuntimeChoice {
  if (flag) return { name: flag, reason: '--runtime' };
  const env = process.env.DMVPN_LAB_RUNTIME;
  if (env) return { name: env, reason: 'DMVPN_LAB_RUNTIME' };
  return { name: DEFAULT_RUNTIME, reason: 'the default; --runtime docker or DMVPN_LAB_RUNTIME=docker chooses Docker' };
}

/** The runtime when none is named on the command line (see chooseRuntime). */
export async function autoRuntime(): Promise<RuntimeChoice> {
  return chooseRuntime();
}
