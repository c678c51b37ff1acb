/**
 * Data plane throughput: two namespaces joined by a veth, a user-space GRE tunnel between them
 * (test/helpers/tunnel-pair.ts), iperf3 across the tunnel addresses. Prints TCP Mbit/s and the
 * packet rate of 64-byte UDP packets. Needs root; prints why when it cannot run.
 */
import { nativeAvailable } from '../src/node/sys/native.js';
import { TunnelPair } from '../test/helpers/tunnel-pair.js';

/** Bench name for bench/run.ts. */
export const name = 'data plane: user-space GRE between two namespaces (iperf3)';

const SECONDS = Number(process.env.DATAPLANE_BENCH_SECONDS ?? 5);

interface IperfEnd {
  end?: {
    sum_received?: { bits_per_second: number };
    sum?: { packets?: number; lost_packets?: number; seconds?: number; bits_per_second?: number };
  };
  error?: string;
}

async function iperf(pair: TunnelPair, clientArgs: string[]): Promise<IperfEnd> {
  const server = pair.exec(1, ['iperf3', '-s', '-1', '-B', pair.tunnel[1]], (SECONDS + 30) * 1000);
  await new Promise((r) => setTimeout(r, 300));
  const client = await pair.exec(
    0,
    ['iperf3', '-c', pair.tunnel[1], '-t', String(SECONDS), '-J', ...clientArgs],
    (SECONDS + 30) * 1000,
  );
  await server;
  try {
    return JSON.parse(client.stdout) as IperfEnd;
  } catch {
    return { error: `iperf3 said: ${client.stdout.slice(0, 300)} ${client.stderr.slice(0, 300)}` };
  }
}

/** Runs the TCP and 64-byte UDP measurements, with and without TCP receive offload, and prints them. */
export async function run(): Promise<void> {
  if (process.getuid?.() !== 0) return void console.log('skipped: needs root (namespaces, TAP, raw sockets)');
  if (!nativeAvailable()) return void console.log('skipped: native addon not built');
  for (const offload of [true, false]) {
    console.log(`-- TAP receive offload ${offload ? 'on (default)' : 'off'}`);
    await measure(offload);
  }
}

async function measure(offload: boolean): Promise<void> {
  const pair = await TunnelPair.create({ mtu: 1400, offload });
  try {
    const warm = await pair.exec(0, ['ping', '-c', '1', '-W', '2', pair.tunnel[1]]);
    if (warm.exitCode !== 0) throw new Error(`tunnel not up: ${warm.stdout}`);

    const tcp = await iperf(pair, []);
    const mbps = (tcp.end?.sum_received?.bits_per_second ?? 0) / 1e6;
    console.log(
      tcp.error
        ? `TCP: ${tcp.error}`
        : `TCP throughput (MTU 1400, ${SECONDS} s): ${mbps.toFixed(0)} Mbit/s (target >= 500)`,
    );
    const co = (await pair.stats(1)).tap.coalesce;
    if (co)
      console.log(
        `  receiver TAP: ${co.merged + co.frames} segments written as ${co.frames} frames (${((co.merged + co.frames) / Math.max(1, co.frames)).toFixed(1)} per frame)`,
      );

    // 64-byte IP packets: 20 IPv4 + 8 UDP + 36 payload.
    const udp = await iperf(pair, ['-u', '-b', '0', '-l', '36']);
    const s = udp.end?.sum;
    if (udp.error || !s?.packets || !s.seconds) {
      console.log(`UDP 64-byte: ${udp.error ?? 'no result'}`);
    } else {
      const delivered = s.packets - (s.lost_packets ?? 0);
      console.log(
        `64-byte packets: ${(delivered / s.seconds).toFixed(0)} packets/s delivered ` +
          `(${(s.packets / s.seconds).toFixed(0)} sent, ${(((s.lost_packets ?? 0) / s.packets) * 100).toFixed(1)}% lost)`,
      );
    }
    const [a, b] = [await pair.stats(0), await pair.stats(1)];
    console.log(
      `  counters: A sent ${a.stats.packetsOut}, B received ${b.stats.packetsIn}; send errors A ${a.socket.sendErrors} B ${b.socket.sendErrors}`,
    );
  } finally {
    await pair.close();
  }
}
