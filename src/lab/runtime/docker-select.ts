/** Which runtime `dmvpn-lab up` uses when none is named, and why. */
import { daemonAnswers, docker, findImage, nodeImage } from './docker-client.js';

/** A runtime choice and the reason given for it (printed by `up`). */
export interface RuntimeChoice {
  name: string;
  reason: string;
}

/**
 * $DMVPN_LAB_RUNTIME when set; else docker when a Docker daemon answers and has the dmvpn-node image;
 * else netns. DMVPND_BIN names a router file on this machine, which a container cannot run: netns.
 */
export async function autoRuntime(): Promise<RuntimeChoice> {
  const forced = process.env.DMVPN_LAB_RUNTIME;
  if (forced) return { name: forced, reason: 'DMVPN_LAB_RUNTIME' };
  if (process.env.DMVPND_BIN) return { name: 'netns', reason: 'DMVPND_BIN names a router on this machine' };
  if (!(await daemonAnswers())) return { name: 'netns', reason: 'no Docker daemon answers' };
  const image = await findImage(await docker()).catch(() => undefined);
  if (!image) return { name: 'netns', reason: `Docker has no image ${nodeImage()} (make image builds it)` };
  return { name: 'docker', reason: `Docker answers and has ${nodeImage()}` };
}
