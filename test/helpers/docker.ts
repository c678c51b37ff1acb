/** Helpers of the docker tests: why a test must skip, the CLI as a process, and what a docker lab left behind. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { daemonAnswers, docker, findImage, nodeImage, staleImageWarning } from '../../src/lab/runtime/docker-client.js';
import { isRoot } from './lab.js';

/** The CLI entry (run with tsx, as the other lab tests do). */
export const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

/** Runs `dmvpn-lab ARGS…` as a process with `env` added; never throws on a non-zero exit. */
export function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 300_000) {
  return execa(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, ...env },
    reject: false,
    timeout: timeoutMs,
  });
}

/** Why the docker tests cannot run here (undefined when they can): root, a daemon, the image. */
export async function dockerSkipReason(): Promise<string | undefined> {
  if (!isRoot) return 'needs root (network namespaces, veth pairs)';
  if (!(await daemonAnswers(3000))) return 'no Docker daemon answers (scripts/docker-up.sh starts one)';
  if (!(await findImage(await docker()))) return `Docker has no image ${nodeImage()} (make image builds it)`;
  return undefined;
}

/** Why the router tests cannot run here: the docker reasons, an image built from another dmvpnd than dist/, or one that does not run routers yet. */
export async function dockerRouterSkipReason(): Promise<string | undefined> {
  const why = await dockerSkipReason();
  if (why) return why;
  const stale = staleImageWarning((await findImage(await docker()))!);
  if (stale) return stale;
  const r = await execa('docker', ['run', '--rm', '--network', 'none', nodeImage(), 'dmvpnd', '--help'], {
    reject: false,
  });
  const help = `${r.stdout}${r.stderr}`;
  return /(^|\s)--config[\s=<]/m.test(help) && /^\s*ctl\b/m.test(help)
    ? undefined
    : `the dmvpnd in ${nodeImage()} does not run routers yet (rebuild with make image once it does)`;
}

/** Names of every container labelled as lab `lab` (running or not). */
export async function labContainerNames(lab: string): Promise<string[]> {
  const list = await (await docker()).listContainers({
    all: true,
    filters: JSON.stringify({ label: [`dmvpn-lab=${lab}`] }),
  });
  return list.map((c) => (c.Names[0] ?? '').replace(/^\//, '')).sort();
}

/** What a docker lab left behind: containers, names under /run/netns, Docker networks that mention it. */
export async function dockerLeftovers(
  lab: string,
): Promise<{ containers: string[]; netns: string[]; networks: string[] }> {
  let netns: string[] = [];
  try {
    netns = readdirSync('/run/netns').filter((n) => n.startsWith(`dl-${lab}-`));
  } catch {
    netns = [];
  }
  const networks = (await (await docker()).listNetworks()).map((n) => n.Name).filter((n) => n.includes(lab));
  return { containers: await labContainerNames(lab), netns, networks };
}
