/**
 * One end of a static GRE tunnel, run inside a network namespace by ./tunnel-pair.ts: openTunnel()
 * with a static map of tunnel addresses to NBMA addresses. Protocol on stdio: prints one JSON line
 * {ready} when up; answers each `stats` line with a JSON line of counters; exits when stdin closes.
 *
 *   node --import tsx test/helpers/tunnel-endpoint.ts --tap dp0 --address 10.0.0.1/24 \
 *     --bind 192.0.2.1 --peer 10.0.0.2=192.0.2.2 [--key 42] [--mtu 1400] [--no-offload]
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openTunnel } from '../../src/node/dataplane/open.js';

const { values } = parseArgs({
  options: {
    tap: { type: 'string', default: 'dp0' },
    address: { type: 'string' },
    bind: { type: 'string' },
    peer: { type: 'string', multiple: true, default: [] },
    key: { type: 'string' },
    mtu: { type: 'string', default: '1400' },
    'no-offload': { type: 'boolean', default: false },
  },
});
if (!values.address) throw new Error('tunnel-endpoint: --address A.B.C.D/N is required');
const [address, prefix] = values.address.split('/');
const peers = new Map(values.peer.map((p) => p.split('=') as [string, string]));

const tunnel = await openTunnel({
  config: { name: 'Tunnel0', address, prefixLength: Number(prefix), key: values.key === undefined ? undefined : Number(values.key) },
  device: values.tap,
  mtu: Number(values.mtu),
  offload: !values['no-offload'],
  source: values.bind,
  hooks: {
    nbmaFor: (a) => peers.get(a),
    nhsNbma: () => undefined,
    multicastTargets: () => [...peers.values()],
    tunnelAddrFor: (n) => [...peers].find(([, nbma]) => nbma === n)?.[0],
    nhrpPacket: () => undefined,
  },
});

const out = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v)}\n`);
out({ ready: true, tap: tunnel.tap.name });
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line.trim() === 'stats') out({ stats: tunnel.dataplane.stats(), tap: tunnel.tap.stats, socket: tunnel.raw?.stats });
});
const stop = (): void => {
  tunnel.close();
  process.exit(0);
};
rl.on('close', stop);
process.on('SIGTERM', stop);
