/**
 * A stand-in for `containerlab deploy` / `destroy` (containerlab is not installed here): what
 * containerlab's docker runtime does with a topology of `kind: linux` nodes. A container per node
 * named `clab-<lab>-<node>` with the node's image, env, binds (relative to the topology file) and
 * `network-mode`, labelled `containerlab=<lab>`; then a veth pair per link, its ends named as the
 * endpoints say, added to the running containers (after start, as containerlab does).
 * containerlab runs its containers privileged; this machine's kernel refuses privileged containers
 * (CAP_SYS_RESOURCE is not in its bounding set), so the stand-in grants what privileged gives the
 * image and it needs: NET_ADMIN, NET_RAW, /dev/net/tun and a writable /proc/sys/net.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import { parse } from 'yaml';
import { docker } from '../../src/lab/runtime/docker-client.js';

interface ClabNode {
  kind?: string;
  image?: string;
  'network-mode'?: string;
  env?: Record<string, string>;
  binds?: string[];
  labels?: Record<string, string>;
}

interface ClabTopology {
  name: string;
  topology: { defaults?: ClabNode; nodes: Record<string, ClabNode>; links?: Array<{ endpoints: [string, string] }> };
}

/** Deploys `file` as containerlab would; returns the lab name. Throws on what containerlab would refuse here. */
export async function clabDeploy(file: string): Promise<string> {
  const topo = parse(readFileSync(file, 'utf8')) as ClabTopology;
  const d = await docker();
  const pids = new Map<string, number>();
  for (const [name, own] of Object.entries(topo.topology.nodes)) {
    const n = { ...topo.topology.defaults, ...own };
    if (n.kind !== 'linux') throw new Error(`${name}: kind ${n.kind}: only linux nodes are deployed here`);
    if (n['network-mode'] !== 'none')
      throw new Error(`${name}: network-mode ${n['network-mode']}: this stand-in deploys only network-mode none`);
    const binds = (n.binds ?? []).map((b) => {
      const [src, ...rest] = b.split(':');
      return [isAbsolute(src!) ? src : resolve(dirname(file), src!), ...rest].join(':');
    });
    const c = await d.createContainer({
      name: `clab-${topo.name}-${name}`,
      Image: n.image,
      Hostname: name,
      Env: Object.entries(n.env ?? {}).map(([k, v]) => `${k}=${v}`),
      Labels: { ...n.labels, containerlab: topo.name, 'clab-node-name': name },
      Tty: true,
      OpenStdin: true,
      HostConfig: {
        NetworkMode: 'none',
        Binds: binds,
        CapAdd: ['NET_ADMIN', 'NET_RAW'],
        Devices: [{ PathOnHost: '/dev/net/tun', PathInContainer: '/dev/net/tun', CgroupPermissions: 'rwm' }],
        ReadonlyPaths: readdirSync('/proc/sys')
          .filter((x) => x !== 'net')
          .map((x) => `/proc/sys/${x}`),
      },
    });
    await c.start();
    pids.set(name, (await c.inspect()).State.Pid);
  }
  const batch = (topo.topology.links ?? []).map(({ endpoints: [a, b] }) => {
    const [na, ia] = a.split(':');
    const [nb, ib] = b.split(':');
    return `link add ${ia} netns ${pids.get(na!)} type veth peer name ${ib} netns ${pids.get(nb!)}`;
  });
  if (batch.length) await execa('ip', ['-batch', '-'], { input: `${batch.join('\n')}\n` });
  return topo.name;
}

/** Removes every container of lab `lab` (as `containerlab destroy`). */
export async function clabDestroy(lab: string): Promise<void> {
  const d = await docker();
  const list = await d.listContainers({ all: true, filters: JSON.stringify({ label: [`containerlab=${lab}`] }) });
  await Promise.all(list.map((c) => d.getContainer(c.Id).remove({ force: true })));
}

/** Runs `argv` in node `node` of containerlab lab `lab`. */
export function clabExec(lab: string, node: string, argv: string[]) {
  return execa('docker', ['exec', `clab-${lab}-${node}`, ...argv], { reject: false });
}
