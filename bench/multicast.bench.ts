/**
 * Multicast replication at the hub (`ip pim nbma-mode`): copies per second the hub's data plane
 * makes, in process with counting ports, for a stream from one spoke sent on to N joined spokes and
 * for kernel multicast sent to N joined spokes; then in labs/multicast (3 spokes, pimd), the rate a
 * stream from host1 is delivered to the receivers behind the hub and the two other spokes at rising
 * offered rates. `npm run bench -- multicast`; MULTICAST_BENCH=dataplane skips the lab.
 */
import { join } from 'node:path';
import { runChecks } from '../src/lab/checks/runner.js';
import { parseReceiver, RECEIVER, SENDER } from '../src/lab/checks/multicast-programs.js';
import { downLab, upLab } from '../src/lab/lab.js';
import { dmvpndAvailable } from '../src/lab/router.js';
import { netnsRuntime } from '../src/lab/runtime/netns.js';
import { TunnelDataplane } from '../src/node/dataplane/tunnel.js';
import type { NbmaSocket, TapPort } from '../src/node/dataplane/ports.js';
import { frrInstalled } from '../src/node/frr/daemons.js';
import { encodeIpv4, makeIpv4 } from '../src/wire/ipv4.js';
import { parseIpv4 } from '../src/wire/ipv4-addr.js';
import { encodePimJoinPrune } from '../src/wire/pim.js';

export const name = 'multicast: replication at the hub (nbma-mode), in process and in labs/multicast';

const ROOT = join(import.meta.dirname, '..');

/** Ports that count: the TAP takes every frame, the socket counts sends. */
function ports(): {
  tap: TapPort & { emit: (f: Uint8Array) => void };
  socket: NbmaSocket & { sent: number; rx: (s: number, b: Uint8Array) => void };
} {
  let onFrame: (f: Uint8Array) => void = () => undefined;
  let onPacket: (s: number, b: Uint8Array) => void = () => undefined;
  const tap = {
    mac: new Uint8Array([0x52, 0x54, 0, 0x12, 0x34, 0x56]),
    write: (f: Uint8Array) => f.length,
    onFrame: (h: (f: Uint8Array) => void) => void (onFrame = h),
    emit: (f: Uint8Array) => onFrame(f),
  };
  const socket = {
    headroom: 20,
    sent: 0,
    send(_dst: number, b: Uint8Array) {
      socket.sent++;
      return b.length;
    },
    onPacket: (h: (s: number, b: Uint8Array) => void) => void (onPacket = h),
    rx: (s: number, b: Uint8Array) => onPacket(s, b),
  };
  return { tap, socket };
}

const ip = (src: string, dst: string, protocol: number, payload: Uint8Array, ttl = 16): Uint8Array =>
  encodeIpv4(makeIpv4({ src, dst, protocol, id: 1, ttl, payload }));
const withHead = (head: number, body: Uint8Array): Uint8Array => {
  const b = new Uint8Array(head + body.length);
  b.set(body, head);
  return b;
};

function inProcess(n: number): { spokeToSpoke: number; kernel: number } {
  const { tap, socket } = ports();
  const nbma = Array.from({ length: n + 1 }, (_, i) => `198.51.${100 + (i >> 8)}.${(i & 255) + 1}`);
  const dp = new TunnelDataplane({
    config: { name: 'Tunnel0', address: '10.0.0.1', prefixLength: 16, pimNbmaMode: true },
    tap,
    socket,
    hooks: {
      nbmaFor: () => undefined,
      nhsNbma: () => undefined,
      multicastTargets: () => nbma,
      nhrpPacket: () => undefined,
    },
  });
  dp.start();
  const G = parseIpv4('239.1.1.1')!;
  const join = encodePimJoinPrune({
    upstream: parseIpv4('10.0.0.1')!,
    holdtime: 210,
    groups: [
      {
        group: G,
        maskLength: 32,
        joins: [{ address: parseIpv4('10.0.255.1')!, maskLength: 32, sparse: true, wildcard: true, rpt: true }],
        prunes: [],
      },
    ],
  });
  // every spoke but the first (the source's) joins
  for (let i = 1; i <= n; i++) {
    const pkt = withHead(4, ip(`10.0.${i >> 8}.${(i & 255) + 10}`, '224.0.0.13', 103, join, 1));
    pkt[2] = 0x08;
    socket.rx(parseIpv4(nbma[i]!)!, withHead(20, pkt).subarray(20));
  }
  const data = withHead(4, ip('10.1.1.10', '239.1.1.1', 17, new Uint8Array(100)));
  data[2] = 0x08;
  const from = parseIpv4(nbma[0]!)!;
  const rate = (fn: () => void): number => {
    const before = socket.sent;
    const t0 = process.hrtime.bigint();
    while (process.hrtime.bigint() - t0 < 1_000_000_000n) for (let j = 0; j < 100; j++) fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    return (socket.sent - before) / s;
  };
  const spokeToSpoke = rate(() => {
    data[4 + 8] = 16; // the hub decrements TTL in place
    socket.rx(from, withHead(20, data).subarray(20));
  });
  const frame = new Uint8Array(14 + data.length - 4);
  frame.set([0x01, 0x00, 0x5e, 0x01, 0x01, 0x01]);
  frame[12] = 0x08;
  frame.set(data.subarray(4), 14);
  const kernel = rate(() => tap.emit(frame));
  return { spokeToSpoke, kernel };
}

async function inLab(): Promise<void> {
  if (process.getuid?.() !== 0 || !dmvpndAvailable() || !frrInstalled())
    return void console.log('lab: skipped (needs root, dmvpnd and FRR)');
  const name = `mcbench${process.pid % 1000}`;
  const file = join(ROOT, 'labs', 'multicast', 'multicast.clab.yml');
  try {
    await upLab(file, { name });
    // the check waits for registration and PIM, and proves the path once
    const warm = await runChecks(name, { only: ['multicast'] });
    console.log(`lab: multicast check ${warm.summary.pass} passed, ${warm.summary.fail} failed`);
    const rt = netnsRuntime;
    const ns = (n: string) => `dl-${name}-${n}`;
    const rx: Array<[string, string]> = [
      ['host0', '10.0.0.10'],
      ['host2', '10.1.2.10'],
      ['host3', '10.1.3.10'],
    ];
    console.log('offered pps | delivered pps host0 (hub LAN) / host2 / host3 (spokes)');
    for (const burst of [1, 5, 20]) {
      const count = 3000 * Math.min(burst, 10);
      const got = rx.map(([h, a]) =>
        rt.exec(ns(h), [process.execPath, '-e', RECEIVER, '239.1.1.1', '50001', a, '60000'], { timeoutMs: 70_000 }),
      );
      // the joins reach the hub (a receiver that left just before may leave a last-member query running)
      await new Promise((r) => setTimeout(r, 5000));
      const t0 = Date.now();
      await rt.exec(
        ns('host1'),
        [process.execPath, '-e', SENDER, '239.1.1.1', '50001', '10.1.1.10', String(count), '1', String(burst)],
        {
          timeoutMs: 120_000,
        },
      );
      const secs = (Date.now() - t0 - 200) / 1000;
      const res = (await Promise.all(got)).map((r) => parseReceiver(r.stdout)?.distinct ?? 0);
      console.log(
        `${(count / secs).toFixed(0).padStart(11)} | ${res.map((n) => (n / secs).toFixed(0)).join(' / ')} (${res.join('/')} of ${count})`,
      );
    }
  } finally {
    await downLab(name, { cleanup: true }).catch(() => undefined);
  }
}

export async function run(): Promise<void> {
  console.log('in process, 100-byte datagrams, copies per second (one core):');
  for (const n of [2, 10, 50, 200]) {
    const r = inProcess(n);
    console.log(
      `  ${String(n).padStart(3)} joined spokes: spoke-to-spoke ${(r.spokeToSpoke / 1e6).toFixed(2)} M copies/s ` +
        `(${(r.spokeToSpoke / n / 1e3).toFixed(0)} k packets/s in), kernel multicast ${(r.kernel / 1e6).toFixed(2)} M copies/s`,
    );
  }
  if (process.env.MULTICAST_BENCH !== 'dataplane') await inLab();
}
