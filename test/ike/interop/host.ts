/**
 * A test host for the IKEv2 engine, or the IKEv1 one with a third argument `v1` (CONFIG_JSON is then an
 * Ikev1ConfigInput with the peer's address in `peer`): run inside a network namespace (`ip netns exec NS node
 * --import tsx host.ts CONFIG_JSON [v1]`), it binds UDP 500 and 4500 on the local address, drives the engine
 * with the real clock and
 * prints one JSON object per line on stdout: every engine action except `send` (keys as hex), ESP packets it
 * opened with the child keys (`esp`), and `ready`. Commands arrive as JSON lines on stdin:
 *   {"cmd":"initiate"|"rekeyChild"|"rekeyIke"|"deleteIke"}            on the configured peer
 *   {"cmd":"sealEsp","nextHeader":4,"payload":"<hex>"}             seal with the newest child SA, send on 4500
 *   {"cmd":"snapshot"}                                               print the `show crypto ikev2|isakmp sa` JSON
 */
import { createSocket, type Socket } from 'node:dgram';
import { createInterface } from 'node:readline';
import { EspInbound, EspOutbound } from '../../../src/ipsec/index.js';
import { IkeEngine, type IkeAction, type IkeEngineConfigInput } from '../../../src/ike/index.js';
import { Ikev1Engine, type Ikev1ConfigInput } from '../../../src/ikev1/index.js';

const v1 = process.argv[3] === 'v1';
const config = JSON.parse(process.argv[2]) as IkeEngineConfigInput & Ikev1ConfigInput & { peer?: string };
const engine = v1 ? new Ikev1Engine(config) : new IkeEngine(config);
const peer = v1 ? config.peer! : config.peers[0].address;
const sockets = new Map<number, Socket>();
const inbound = new Map<number, EspInbound>();
let outbound: { esp: EspOutbound; port: number } | undefined;
let timer: NodeJS.Timeout | undefined;
const t0 = performance.now();
const now = () => Math.floor(performance.now() - t0);

function print(o: unknown): void {
  process.stdout.write(
    `${JSON.stringify(o, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))}\n`,
  );
}

function carry(actions: IkeAction[]): void {
  for (const a of actions) {
    if (a.kind === 'send') sockets.get(a.localPort)?.send(a.bytes, a.to.port, a.to.address);
    else print({ ...a, t: now() });
    if (a.kind === 'childUp') {
      inbound.set(a.child.spiIn, new EspInbound(a.child.inbound));
      outbound = { esp: new EspOutbound(a.child.outbound), port: a.child.encap?.peerPort ?? 4500 };
    }
    if (a.kind === 'childDown') inbound.delete(a.spiIn);
  }
  schedule();
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  const at = engine.nextDeadline();
  if (at === undefined) return;
  timer = setTimeout(() => carry(engine.tick(now())), Math.max(0, at - now()));
}

function onEsp(bytes: Uint8Array): void {
  const spi = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
  const sa = inbound.get(spi);
  if (!sa) {
    print({ kind: 'esp', error: `no inbound SA ${spi.toString(16)}` });
    return;
  }
  try {
    const o = sa.open(bytes);
    print({ kind: 'esp', spi, sequence: o.sequence, nextHeader: o.nextHeader, payload: o.payload, t: now() });
  } catch (e) {
    print({ kind: 'esp', spi, error: (e as Error).message });
  }
}

async function bind(port: number): Promise<void> {
  const s = createSocket('udp4');
  s.on('message', (msg, rinfo) => {
    if (port === 4500 && msg.length >= 8 && msg.readUInt32BE(0) !== 0) return onEsp(msg);
    carry(engine.receive(now(), msg, { address: rinfo.address, port: rinfo.port }, port));
  });
  await new Promise<void>((resolve) => s.bind(port, config.localAddress, resolve));
  sockets.set(port, s);
}

await bind(500);
await bind(4500);
print({ kind: 'ready' });

createInterface({ input: process.stdin })
  .on('line', (line) => {
    try {
      const c = JSON.parse(line) as { cmd: string; nextHeader?: number; payload?: string };
      if (c.cmd === 'initiate') carry(engine.initiate(now(), peer));
      else if (c.cmd === 'rekeyChild') carry(engine.rekeyChild(now(), peer));
      else if (c.cmd === 'rekeyIke' && engine instanceof IkeEngine) carry(engine.rekeyIke(now(), peer));
      else if (c.cmd === 'deleteIke') carry(engine.deleteIke(now(), peer));
      else if (c.cmd === 'snapshot') print({ kind: 'snapshot', snapshot: engine.snapshot(now()) });
      else if (c.cmd === 'sealEsp' && outbound) {
        const bytes = outbound.esp.seal(Buffer.from(c.payload ?? '', 'hex'), c.nextHeader ?? 4);
        sockets.get(4500)?.send(bytes, outbound.port, peer);
        print({ kind: 'sealed', spi: outbound.esp.sa.spi, sequence: outbound.esp.sequence });
      } else print({ kind: 'error', error: `unknown command ${line}` });
    } catch (e) {
      print({ kind: 'error', error: (e as Error).message });
    }
  })
  .on('close', () => process.exit(0));
