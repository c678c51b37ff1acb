/**
 * IPsec throughput, side by side in one run: iperf3 TCP between two namespaces joined by a veth (the harness of
 * test/helpers/tunnel-pair.ts), over (1) the bare veth, the ceiling; (2) our user-space GRE; (3) our GRE in ESP
 * transport mode, AES-GCM-16-256 and AES-CBC-256/HMAC-SHA-256-128 (IKEv2 PSK); (4) strongSwan charon with
 * kernel-libipsec between the same two addresses, same two suites (tunnel mode, UDP 4500: all libipsec does).
 * Prints each figure and its ratios to the others (absolute figures drift on a shared machine). Also the time from
 * the first packet to the first reply through a fresh protected tunnel (IKEv2 set-up with DH 19 included), and the
 * endpoints' RSS with IPsec active. Needs root; strongSwan is skipped with the reason when missing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeAvailable } from '../src/node/sys/native.js';
import { Charon, strongswanMissing } from '../test/ike/interop/charon.js';
import { TunnelPair } from '../test/helpers/tunnel-pair.js';

/** Bench name for bench/run.ts. */
export const name = 'ipsec: iperf3 TCP over ESP (ours, strongSwan libipsec), plain GRE, bare veth';

const SECONDS = Number(process.env.IPSEC_BENCH_SECONDS ?? 5);
/**
 * The kernel's own rate for packets it cannot segment or merge (one per system call, each through the veth and
 * the peer's IP input), the kind of packet GRE from user space is: the bare veth with 1400-byte UDP datagrams.
 */
const UDP_CEILING = 'bare veth, UDP 1400-byte datagrams';

/** iperf3 from side 0 to `to` on side 1: TCP, or (`udp`) 1400-byte UDP datagrams as fast as they go; received Mbit/s. */
async function iperf(pair: TunnelPair, to: string, udp = false): Promise<number | string> {
  const server = pair.exec(1, ['iperf3', '-s', '-1', '-B', to], (SECONDS + 30) * 1000);
  await new Promise((r) => setTimeout(r, 300));
  const mode = udp ? ['-u', '-l', '1400', '-b', '0'] : [];
  const c = await pair.exec(0, ['iperf3', '-c', to, '-t', String(SECONDS), ...mode, '-J'], (SECONDS + 30) * 1000);
  await server;
  try {
    const j = JSON.parse(c.stdout) as { end?: { sum_received?: { bits_per_second: number } }; error?: string };
    return j.error ?? (j.end?.sum_received?.bits_per_second ?? 0) / 1e6;
  } catch {
    return `iperf3: ${c.stderr.slice(0, 200)}`;
  }
}

/** RSS (MB) of the tunnel endpoint processes in a namespace. */
async function rssMb(pair: TunnelPair, side: 0 | 1): Promise<number> {
  const pids = (await pair.exec(side, ['ip', 'netns', 'pids', pair.ns[side]])).stdout.split('\n').filter(Boolean);
  let kb = 0;
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('tunnel-endpoint')) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** ms from the first echo through a fresh tunnel to its reply (with ESP: IKE_SA_INIT + IKE_AUTH before it). */
async function firstReplyMs(pair: TunnelPair): Promise<number | string> {
  const t0 = performance.now();
  const r = await pair.exec(0, ['ping', '-c', '1', '-W', '5', pair.tunnel[1]]);
  return r.exitCode === 0 ? Math.round((performance.now() - t0) * 10) / 10 : `no reply: ${r.stdout.slice(0, 200)}`;
}

async function ours(esp: 'gcm' | 'cbc' | undefined, figures: Map<string, number | string>, label: string, tso = true) {
  const pair = await TunnelPair.create({ mtu: 1400, tso, ...(esp ? { esp } : {}) });
  try {
    if (!tso) return void figures.set(label, await iperf(pair, pair.tunnel[1]));
    figures.set(`${label}: first echo reply (ms)`, await firstReplyMs(pair));
    if (!esp) {
      figures.set('bare veth', await iperf(pair, pair.nbma[1]));
      figures.set(UDP_CEILING, await iperf(pair, pair.nbma[1], true));
    }
    figures.set(label, await iperf(pair, pair.tunnel[1]));
    if (esp) figures.set(`${label}: RSS per endpoint (MB)`, Math.round((await rssMb(pair, 0)) * 10) / 10);
    if (!esp) await strongswan(pair, figures);
  } finally {
    await pair.close();
  }
}

/** strongSwan kernel-libipsec between the pair's NBMA addresses, TCP in tunnel mode (UDP 4500). */
async function strongswan(pair: TunnelPair, figures: Map<string, number | string>): Promise<void> {
  const missing = strongswanMissing();
  if (missing) return void figures.set('strongSwan', `skipped: ${missing}`);
  for (const [suite, ike, esp] of [
    ['AES-GCM-256', 'aes256gcm16-prfsha256-ecp256', 'aes256gcm16'],
    ['AES-CBC-256/SHA-256', 'aes256-sha256-ecp256', 'aes256-sha256'],
  ] as const) {
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'bench-charon-')));
    const charons = [0, 1].map((i) => new Charon(pair.ns[i]!, dirs[i]!));
    try {
      for (const c of charons) await c.start();
      charons.forEach((c, i) =>
        c.load({
          local: pair.nbma[i]!,
          remote: pair.nbma[1 - i]!,
          psk: 'bench-psk',
          proposals: ike,
          esp,
          ts: 'tcp',
        }),
      );
      const t0 = performance.now();
      charons[0]!.swanctl(['--initiate', '--child', 'gre', '--timeout', '10']);
      figures.set(`strongSwan ${suite}: IKEv2 set-up (ms)`, Math.round(performance.now() - t0));
      figures.set(`strongSwan libipsec ${suite}`, await iperf(pair, pair.nbma[1]));
    } catch (err) {
      figures.set(`strongSwan libipsec ${suite}`, `failed: ${(err as Error).message.slice(0, 200)}`);
    } finally {
      for (const c of charons) c.stop();
      await new Promise((r) => setTimeout(r, 300));
      for (const i of [0, 1]) {
        await pair.exec(i as 0 | 1, ['ip', 'rule', 'del', 'pref', '50']);
        await pair.exec(i as 0 | 1, ['ip', 'route', 'flush', 'table', '220']);
        rmSync(dirs[i]!, { recursive: true, force: true });
      }
    }
  }
}

export async function run(): Promise<void> {
  if (process.getuid?.() !== 0) return void console.log('skipped: needs root (namespaces, TAP, raw sockets)');
  if (!nativeAvailable()) return void console.log('skipped: native addon not built');
  const f = new Map<string, number | string>();
  await ours(undefined, f, 'our GRE');
  await ours(undefined, f, 'our GRE, TAP transmit offload off', false);
  await ours('gcm', f, 'our ESP AES-GCM-256');
  await ours('cbc', f, 'our ESP AES-CBC-256/SHA-256');
  console.log(`iperf3 TCP, ${SECONDS} s each, MTU 1400 on the tunnels (Mbit/s unless said):`);
  for (const [k, v] of f) console.log(`  ${k.padEnd(48)} ${typeof v === 'number' ? v.toFixed(0) : v}`);
  const n = (k: string): number | undefined => (typeof f.get(k) === 'number' ? (f.get(k) as number) : undefined);
  const ratio = (a: string, b: string): void => {
    const x = n(a);
    const y = n(b);
    if (x !== undefined && y) console.log(`  ${`${a} / ${b}`.padEnd(72)} ${(x / y).toFixed(2)}`);
  };
  console.log('ratios:');
  ratio('our ESP AES-GCM-256', 'strongSwan libipsec AES-GCM-256');
  ratio('our ESP AES-CBC-256/SHA-256', 'strongSwan libipsec AES-CBC-256/SHA-256');
  ratio('our ESP AES-GCM-256', 'our GRE');
  ratio('our ESP AES-CBC-256/SHA-256', 'our GRE');
  ratio('our GRE', 'bare veth');
  ratio('our GRE', UDP_CEILING);
  ratio('our GRE', 'our GRE, TAP transmit offload off');
  ratio('our ESP AES-GCM-256', 'bare veth');
}
