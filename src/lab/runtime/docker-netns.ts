/**
 * A container's network namespace under a name: /run/netns/<container> is a symlink to
 * /proc/<pid>/ns/net of the container's first process (as containerlab does). `ip -n`, `ip netns exec`
 * and the veth commands then reach the container by name, and the link dies with the container.
 */
import { mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';

const NETNS_DIR = '/run/netns';

/** The marker of our containers' first process (the image's entry script). */
const INIT_MARK = 'dmvpn-node';

/** Names the network namespace of the container whose first process is `pid`. */
export function linkNetns(name: string, pid: number): void {
  mkdirSync(NETNS_DIR, { recursive: true });
  rmSync(`${NETNS_DIR}/${name}`, { force: true });
  symlinkSync(`/proc/${pid}/ns/net`, `${NETNS_DIR}/${name}`);
}

/** Removes the name (the namespace itself goes with the container). */
export function unlinkNetns(name: string): void {
  try {
    if (readlinkSync(`${NETNS_DIR}/${name}`).startsWith('/proc/')) rmSync(`${NETNS_DIR}/${name}`, { force: true });
  } catch {
    /* not a link of ours, or gone */
  }
}

/** The pid of the container's first process, while the container runs; undefined otherwise. */
export function initPid(name: string): number | undefined {
  let target: string;
  try {
    target = readlinkSync(`${NETNS_DIR}/${name}`);
  } catch {
    return undefined;
  }
  const m = /^\/proc\/(\d+)\/ns\/net$/.exec(target);
  if (!m) return undefined;
  const pid = Number(m[1]);
  try {
    // A reused pid is not our container: its first process runs the image's entry script.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(INIT_MARK) ? pid : undefined;
  } catch {
    return undefined;
  }
}
