/** Kernel configuration through iproute2: links, addresses, routes and namespaces (`ip …`). */
import { writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { SysError } from './errors.js';

/** Where a command runs: the current namespace, or a named one (`ip -n NAME …`). */
export interface InNetns {
  netns?: string;
}

/** Runs `ip [-n netns] args…`; returns stdout, throws SysError COMMAND_FAILED with stderr and the cause. */
export async function ip(args: string[], opts: InNetns = {}): Promise<string> {
  const full = opts.netns ? ['-n', opts.netns, ...args] : args;
  const r = await execa('ip', full, { reject: false, timeout: 15_000 });
  if (r.failed) {
    const why = String(r.stderr ?? '').trim() || r.shortMessage;
    throw new SysError('COMMAND_FAILED', `ip ${full.join(' ')}: ${why}`, { cause: r });
  }
  return String(r.stdout ?? '');
}

/** Brings a link up, optionally setting its MTU first. */
export async function linkUp(dev: string, opts: InNetns & { mtu?: number } = {}): Promise<void> {
  if (opts.mtu !== undefined) await ip(['link', 'set', 'dev', dev, 'mtu', String(opts.mtu)], opts);
  await ip(['link', 'set', 'dev', dev, 'up'], opts);
}

/** Adds an address in CIDR form ('10.0.0.1/24') to a device. */
export async function addrAdd(dev: string, cidr: string, opts: InNetns = {}): Promise<void> {
  await ip(['addr', 'add', cidr, 'dev', dev], opts);
}

/** Turns IPv6 off on a device of this process's namespace (no link-local address, no ND/MLD sent into the tunnel). */
export async function disableIpv6(dev: string): Promise<void> {
  if (!/^[\w.-]{1,15}$/.test(dev)) throw new SysError('COMMAND_FAILED', `disable IPv6: bad device name '${dev}'`);
  try {
    await writeFile(`/proc/sys/net/ipv6/conf/${dev}/disable_ipv6`, '1');
  } catch (cause) {
    throw new SysError('COMMAND_FAILED', `disable IPv6 on ${dev}: ${(cause as Error).message}`, { cause });
  }
}

/** A route: destination prefix, optional gateway and device. */
export interface RouteSpec {
  prefix: string;
  via?: string;
  dev?: string;
}

function routeArgs(r: RouteSpec): string[] {
  return [r.prefix, ...(r.via ? ['via', r.via] : []), ...(r.dev ? ['dev', r.dev] : [])];
}

/** Adds or replaces a route (`ip route replace`), so repeating it is harmless. */
export async function routeReplace(r: RouteSpec, opts: InNetns = {}): Promise<void> {
  await ip(['route', 'replace', ...routeArgs(r)], opts);
}

/** Deletes a route; a route that is already gone is not an error. */
export async function routeDelete(r: RouteSpec, opts: InNetns = {}): Promise<void> {
  try {
    await ip(['route', 'del', ...routeArgs(r)], opts);
  } catch (err) {
    if (!(err instanceof SysError) || !/No such process|not found/i.test(err.message)) throw err;
  }
}

/** Creates a network namespace. */
export async function netnsAdd(name: string): Promise<void> {
  await ip(['netns', 'add', name]);
}

/** Deletes a network namespace; one that does not exist is not an error. */
export async function netnsDelete(name: string): Promise<void> {
  try {
    await ip(['netns', 'del', name]);
  } catch (err) {
    if (!(err instanceof SysError) || !/No such file|does not exist|Invalid/i.test(err.message)) throw err;
  }
}

/** Names of the network namespaces that exist now. */
export async function netnsList(): Promise<string[]> {
  const out = await ip(['netns', 'list']);
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n.length > 0);
}
