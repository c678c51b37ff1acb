/**
 * One end of a static GRE tunnel, run inside a network namespace by ./tunnel-pair.ts:
 * opens a TAP and a raw GRE socket, addresses the TAP, maps tunnel addresses to NBMA statically.
 * Protocol on stdio: prints one JSON line {ready} when up; answers each `stats` line with a JSON
 * line of counters; exits when stdin closes.
 *
 *   node --import tsx test/helpers/tunnel-endpoint.ts --tap dp0 --address 10.0.0.1/24 \
 *     --bind 192.0.2.1 --peer 10.0.0.2=192.0.2.2 [--key 42] [--mtu 1400]
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { TunnelDataplane } from '../../src/node/dataplane/tunnel.js';
import { addrAdd, disableIpv6, linkUp } from '../../src/node/sys/kernel.js';
import { RawSocket } from '../../src/node/sys/raw-socket.js';
import { TapDevice } from '../../src/node/sys/tap.js';

const { values } = parseArgs({
  options: {
    tap: { type: 'string', default: 'dp0' },
    address: { type: 'string' },
    bind: { type: 'string' },
    peer: { type: 'string', multiple: true, default: [] },
    key: { type: 'string' },
    mtu: { type: 'string', default: '1400' },
  },
});
if (!values.address) throw new Error('tunnel-endpoint: --address A.B.C.D/N is required');
const [address, prefix] = values.address.split('/');
const peers = new Map(values.peer.map((p) => p.split('=') as [string, string]));

const tap = TapDevice.open(values.tap);
const socket = RawSocket.open({ protocol: 47, bind: values.bind });
await disableIpv6(tap.name);
await linkUp(tap.name, { mtu: Number(values.mtu) });
await addrAdd(tap.name, values.address);
const dp = new TunnelDataplane({
  config: { name: 'Tunnel0', address, prefixLength: Number(prefix), key: values.key === undefined ? undefined : Number(values.key) },
  tap,
  socket,
  hooks: {
    nbmaFor: (a) => peers.get(a),
    nhsNbma: () => undefined,
    multicastTargets: () => [...peers.values()],
    tunnelAddrFor: (n) => [...peers].find(([, nbma]) => nbma === n)?.[0],
    nhrpPacket: () => undefined,
  },
});
dp.start();

const out = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v)}\n`);
out({ ready: true, tap: tap.name });
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line.trim() === 'stats') out({ stats: dp.stats(), tap: tap.stats, socket: socket.stats });
});
const stop = (): void => {
  tap.close();
  socket.close();
  process.exit(0);
};
rl.on('close', stop);
process.on('SIGTERM', stop);
