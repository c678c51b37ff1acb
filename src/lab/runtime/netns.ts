/**
 * Runtime `netns`: every node a network namespace `dl-<lab>-<node>`, every link a veth pair created
 * directly inside the two namespaces (it never exists in the host's namespace), switches a bridge in
 * their own namespace, iptables rules inside the nodes. Deleting the namespaces removes all of it.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { PlannedNode } from '../plan.js';
import { alive, stopAll } from '../process.js';
import { inParallel, run } from '../sh.js';
import type { InterfaceInfo, Runtime } from './types.js';
import { mgmtHostBatch } from '../mgmt.js';

const NETNS_DIR = '/run/netns';

/** The shell script that applies a node's setup inside its namespace. */
export function setupScript(n: PlannedNode): string {
  const lines = ['set -e'];
  for (const [path, value] of Object.entries(n.setup.sysctls)) lines.push(`echo ${value} > /proc/sys/${path}`);
  lines.push("ip -batch - <<'EOF'", ...n.setup.ip, 'EOF');
  for (const rule of n.setup.iptables) lines.push(`iptables -w ${rule.map(shellQuote).join(' ')}`);
  return lines.join('\n');
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Pids of the processes inside each of `namespaces` (one scan of /proc). */
export function pidsByNamespace(namespaces: string[]): Map<string, number[]> {
  const byInode = new Map<number, string>();
  for (const ns of namespaces) {
    try {
      byInode.set(statSync(`${NETNS_DIR}/${ns}`).ino, ns);
    } catch {
      /* gone */
    }
  }
  const out = new Map<string, number[]>(namespaces.map((n) => [n, []]));
  if (byInode.size === 0) return out;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const m = /\[(\d+)\]/.exec(readlinkSync(`/proc/${entry}/ns/net`));
      const ns = m ? byInode.get(Number(m[1])) : undefined;
      if (ns) out.get(ns)!.push(Number(entry));
    } catch {
      /* exited meanwhile, or a kernel thread */
    }
  }
  return out;
}

/** Host interfaces named `<bridge><index>`: the host ends of a lab's management veths. */
function hostLinksOf(bridge: string): string[] {
  const own = new RegExp(`^${bridge}\\d+$`);
  return readdirSync('/sys/class/net').filter((l) => own.test(l));
}

/** The netns runtime. */
export const netnsRuntime: Runtime = {
  name: 'netns',

  async create(plan, progress) {
    const nsOf = new Map(plan.nodes.map((n) => [n.node.name, n.namespace]));
    const batch = [
      ...plan.nodes.map((n) => `netns add ${n.namespace}`),
      ...plan.links.map(
        (l) =>
          `link add ${l.a.linux} netns ${nsOf.get(l.a.node)} type veth peer name ${l.b.linux} netns ${nsOf.get(l.b.node)}`,
      ),
    ];
    await run('ip', ['-batch', '-'], { input: `${batch.join('\n')}\n` });
    progress(`created ${plan.nodes.length} namespaces and ${plan.links.length} links`);
    if (plan.mgmt) {
      await run('ip', ['-batch', '-'], { input: `${mgmtHostBatch(plan.mgmt).join('\n')}\n` });
      // nothing that arrives on the management bridge is routed on
      writeFileSync(`/proc/sys/net/ipv4/conf/${plan.mgmt.bridge}/forwarding`, '0\n');
      progress(`management network ${plan.mgmt.subnet} (host ${plan.mgmt.gateway}, bridge ${plan.mgmt.bridge})`);
    }
    await inParallel(plan.nodes, 4, async (n) => {
      await run('ip', ['netns', 'exec', n.namespace, 'sh', '-c', setupScript(n)]);
    });
    progress(`configured ${plan.nodes.length} nodes (addresses, routes, bridges, NAT)`);
  },

  async destroy(state, progress) {
    const crashed = state.phase === 'creating' && !alive(state.orchestratorPid);
    const rounds = crashed ? 3 : 1;
    for (let round = 0; round < rounds; round++) {
      // The host ends of the management veths go first and at once: a namespace's deletion frees its
      // veths only when the kernel gets to it, and a new lab may want those names before then.
      const mgmtVeths = state.mgmt ? hostLinksOf(state.mgmt.bridge) : [];
      if (mgmtVeths.length > 0) {
        await run('ip', ['-force', '-batch', '-'], {
          input: `${mgmtVeths.map((l) => `link del ${l}`).join('\n')}\n`,
          check: false,
        });
      }
      const present = state.namespaces.filter((n) => existsSync(`${NETNS_DIR}/${n}`));
      const pids = [...pidsByNamespace(present).values()].flat();
      if (pids.length > 0) await stopAll(pids);
      if (present.length > 0) {
        await run('ip', ['-force', '-batch', '-'], {
          input: `${present.map((n) => `netns del ${n}`).join('\n')}\n`,
          check: false,
        });
        progress(`stopped ${pids.length} processes, deleted ${present.length} namespaces`);
      }
      if (state.mgmt && existsSync(`/sys/class/net/${state.mgmt.bridge}`)) {
        await run('ip', ['link', 'del', state.mgmt.bridge], { check: false });
      }
      // After a crash, a command the dead orchestrator left running may still add a namespace: look again.
      if (round < rounds - 1) await sleep(250);
    }
  },

  async exec(namespace, argv, opts = {}) {
    const r = await execa('ip', ['netns', 'exec', namespace, ...argv], {
      stdio: opts.inherit ? 'inherit' : 'pipe',
      reject: false,
      timeout: opts.timeoutMs,
    });
    return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? -1 };
  },

  spawn(namespace, argv, files) {
    const out = openSync(files.log, 'a');
    const wrapper = files.exitFile ? '"$@"; echo $? > "$DL_EXIT_FILE"' : 'exec "$@"';
    const child = spawn('ip', ['netns', 'exec', namespace, 'sh', '-c', wrapper, 'sh', ...argv], {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, ...files.env, ...(files.exitFile ? { DL_EXIT_FILE: files.exitFile } : {}) },
    });
    closeSync(out);
    child.on('error', () => undefined);
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${argv[0]} in ${namespace}`);
    writeFileSync(files.pidFile, `${child.pid}\n`);
    return child.pid;
  },

  async processes(namespace) {
    return pidsByNamespace([namespace]).get(namespace) ?? [];
  },

  exists(namespace) {
    return existsSync(`${NETNS_DIR}/${namespace}`);
  },

  async interfaces(namespace) {
    const r = await run('ip', ['-n', namespace, '-j', '-d', 'addr', 'show']);
    const rows = JSON.parse(r.stdout || '[]') as Array<{
      ifname: string;
      operstate: string;
      address?: string;
      ifalias?: string;
      addr_info?: Array<{ family: string; local: string; prefixlen: number }>;
    }>;
    return rows.map(
      (x): InterfaceInfo => ({
        name: x.ifname,
        state: x.operstate,
        mac: x.address ?? '',
        addresses: (x.addr_info ?? []).filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`),
        ...(x.ifalias ? { alias: x.ifalias } : {}),
      }),
    );
  },
};
