/**
 * A GRE probe for the strongSwan side of the interop test: run in charon's namespace, it prints every IP
 * protocol 47 packet the kernel hands to a raw socket (one JSON line: source, payload hex) — so a GRE packet
 * that charon's libipsec decrypted into its TUN device shows up here — and sends one on a stdin line
 * {"to":"192.0.2.2","payload":"<hex>"} (charon's route for the traffic selector takes it into the SA).
 */
import { createInterface } from 'node:readline';
import { RawSocket } from '../../../src/node/sys/raw-socket.js';

const ip = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const num = (s: string) => s.split('.').reduce((n, o) => n * 256 + Number(o), 0) >>> 0;
const sock = RawSocket.open({ protocol: 47, batchSends: false });
const print = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
sock.onPacket((src, payload) => print({ kind: 'gre', from: ip(src), payload: Buffer.from(payload).toString('hex') }));
print({ kind: 'ready' });
createInterface({ input: process.stdin })
  .on('line', (line) => {
    const c = JSON.parse(line) as { to: string; payload: string };
    print({ kind: 'sent', result: sock.send(num(c.to), Buffer.from(c.payload, 'hex')) });
  })
  .on('close', () => {
    sock.close();
    process.exit(0);
  });
