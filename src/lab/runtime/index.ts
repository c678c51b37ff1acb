/** Runtimes registered by name; `netns` is the embedded default. */
import { LabError } from '../errors.js';
import { dockerRuntime } from './docker.js';
import { netnsRuntime } from './netns.js';
import type { Runtime } from './types.js';

const runtimes = new Map<string, Runtime>([
  [netnsRuntime.name, netnsRuntime],
  [dockerRuntime.name, dockerRuntime],
]);

/** The runtime used when none is named. */
export const DEFAULT_RUNTIME = 'netns';

/** Adds a runtime (the docker runtime registers itself here). */
export function registerRuntime(runtime: Runtime): void {
  runtimes.set(runtime.name, runtime);
}

/** The runtime called `name`; throws RUNTIME_UNKNOWN. */
export function getRuntime(name: string = DEFAULT_RUNTIME): Runtime {
  const r = runtimes.get(name);
  if (!r)
    throw new LabError('RUNTIME_UNKNOWN', `unknown runtime "${name}" (known: ${[...runtimes.keys()].join(', ')})`);
  return r;
}
