/** Where a lab keeps things: its directory next to the topology, and the machine-wide registry under /run. */
import { dirname, join } from 'node:path';

/** Root of the machine-wide state (registry, control sockets); DMVPN_LAB_RUN_DIR overrides it (tests). */
export function runRoot(): string {
  return process.env.DMVPN_LAB_RUN_DIR ?? '/run/dmvpn-lab';
}

/** The registry folder: one `<lab>.json` per lab that is up (or was being created when its creator died). */
export function registryDir(): string {
  return join(runRoot(), 'labs');
}

/** The registry entry of lab `name`. */
export function registryFile(name: string): string {
  return join(registryDir(), `${name}.json`);
}

/** The file that names the current lab (the one `up` or `use` made current), like kubectl's context. */
export function currentLabFile(): string {
  return join(runRoot(), 'current');
}

/** The lab directory `clab-<name>/` next to the topology file (configs, logs, pcaps, state.json). */
export function labDirFor(topologyFile: string, name: string): string {
  return join(dirname(topologyFile), `clab-${name}`);
}

/** The folder of a lab's control sockets (kept short: Unix socket paths are limited to 107 bytes). */
export function controlDir(lab: string): string {
  return join(runRoot(), 'ctl', lab);
}

/** A router's control socket path. */
export function controlSocket(lab: string, node: string): string {
  return join(controlDir(lab), `${node}.sock`);
}

/** The network namespace of a node: `dl-<lab>-<node>`. */
export function namespaceName(lab: string, node: string): string {
  return `dl-${lab}-${node}`;
}

/** The comment every iptables rule of a lab carries. */
export function ruleTag(lab: string): string {
  return `dmvpn-lab:${lab}`;
}
