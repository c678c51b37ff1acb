/**
 * One end of a static GRE tunnel, run inside a network namespace by ./tunnel-pair.ts: the tunnel as
 * dmvpnd runs it (TunnelRuntime: TAP, raw GRE socket bound to the source, data plane and NHRP engine)
 * with static `ip nhrp map`s of the peers' tunnel addresses to their NBMA addresses. Protocol on
 * stdio: prints one JSON line {ready} when up; answers each `stats` line with a JSON line of counters;
 * exits when stdin closes.
 *
 *   node --import tsx test/helpers/tunnel-endpoint.ts --tap dp0 --address 10.0.0.1/24 \
 *     --bind 192.0.2.1 --peer 10.0.0.2=192.0.2.2 [--key 42] [--mtu 1400] [--no-offload] [--no-tso] [--esp gcm|cbc]
 *
 * With --esp the tunnel is protected (IKEv2 PSK, ESP transport mode, AES-GCM-16-256 or AES-CBC-256 with
 * HMAC-SHA-256-128), as `tunnel protection ipsec profile` makes it.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../../src/nhrp/config.js';
import type { TunnelPlan } from '../../src/node/router/engine-config.js';
import { monotonicMs, Scheduler } from '../../src/node/router/scheduler.js';
import { TunnelRuntime } from '../../src/node/router/tunnel.js';
import { addrAdd, disableIpv6, linkUp } from '../../src/node/sys/kernel.js';

const { values } = parseArgs({
  options: {
    tap: { type: 'string', default: 'dp0' },
    address: { type: 'string' },
    bind: { type: 'string' },
    peer: { type: 'string', multiple: true, default: [] },
    key: { type: 'string' },
    mtu: { type: 'string', default: '1400' },
    'no-offload': { type: 'boolean', default: false },
    'no-tso': { type: 'boolean', default: false },
    esp: { type: 'string' },
  },
});
if (!values.address || !values.bind) {
  throw new Error('tunnel-endpoint: --address A.B.C.D/N and --bind A.B.C.D are required');
}
const [address, prefix] = values.address.split('/');
const prefixLength = Number(prefix);
const key = values.key === undefined ? undefined : Number(values.key);
const peers = values.peer.map((p) => p.split('=') as [string, string]);

const plan: TunnelPlan = {
  name: 'Tunnel0',
  linuxName: values.tap,
  cidr: values.address,
  sourceAddress: values.bind,
  mtu: Number(values.mtu),
  shutdown: false,
  dataplane: { name: 'Tunnel0', address, prefixLength, ...(key !== undefined ? { key } : {}), redirect: false },
  engine: resolveConfig({
    name: 'Tunnel0',
    protocolAddress: address,
    prefixLength,
    nbmaAddress: values.bind,
    networkId: 1,
    staticMaps: peers.map(([protocol, nbma]) => ({ protocol, nbma })),
    multicast: { static: peers.map(([, nbma]) => nbma), dynamic: false },
  }),
  notes: [],
};
if (values.esp === 'gcm' || values.esp === 'cbc') {
  const gcm = values.esp === 'gcm';
  const encr = gcm ? ('aes-gcm-16-256' as const) : ('aes-cbc-256' as const);
  const integ = gcm ? [] : ['sha256-128' as const];
  plan.protection = {
    profile: 'BENCH',
    ike: {
      localAddress: values.bind,
      peers: [
        {
          address: '0.0.0.0',
          psk: 'bench-psk',
          mode: 'transport',
          ike: [{ encr: [encr], prf: ['sha256'], integ, dh: [19] }],
          esp: [{ encr: [encr], integ }],
        },
      ],
    },
    problems: [],
  };
}
let scheduler: Scheduler | undefined;
const tunnel = TunnelRuntime.open(
  plan,
  {
    clock: monotonicMs,
    routes: () => undefined,
    onActions: () => undefined,
    log: (l) => void process.stderr.write(`${l}\n`),
    kick: () => scheduler?.kick(),
  },
  { offload: !values['no-offload'], tso: !values['no-tso'] },
);
scheduler = new Scheduler(
  monotonicMs,
  () => tunnel.nextDeadline(),
  (now) => tunnel.tick(now),
);
await disableIpv6(plan.linuxName);
await linkUp(plan.linuxName, { mtu: plan.mtu });
await addrAdd(plan.linuxName, values.address);
tunnel.apply(plan);
tunnel.tick(monotonicMs());

const out = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v)}\n`);
out({ ready: true, tap: plan.linuxName });
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line.trim() !== 'stats') return;
  const s = tunnel.stats();
  out({
    stats: s.dataplane,
    tap: s.tap,
    socket: s.socket,
    ...(tunnel.ipsec ? { esp: tunnel.ipsec.peers().map((p) => p.counters) } : {}),
  });
});
const stop = (): void => {
  scheduler?.stop();
  tunnel.close();
  process.exit(0);
};
rl.on('close', stop);
process.on('SIGTERM', stop);
