/**
 * The multicast receiver and sender the `multicast` check runs inside host nodes: small Node programs
 * passed with `node -e` (every node of a lab has Node, which runs dmvpnd), so nothing is installed.
 * The receiver joins GROUP on the host's address (an IGMP report its router reads) and prints
 * `{"received":N,"distinct":N}` 1.5 s after the stream stops, when STOPPER (run in the same node)
 * tells it to over the loopback, or at MS; the sender sends COUNT datagrams GAP ms apart with
 * TTL 16 (the default 1 would not leave the LAN).
 */

/** `node -e RECEIVER GROUP PORT ADDRESS MS`. */
export const RECEIVER = `
const dgram = require('node:dgram');
const [group, port, address, ms] = process.argv.slice(1);
const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
let received = 0;
let last = 0;
const seen = new Set();
const done = () => { console.log(JSON.stringify({ received, distinct: seen.size })); process.exit(0); };
s.on('message', (m, from) => {
  if (from.address === '127.0.0.1') return done();
  received++;
  last = Date.now();
  seen.add(m.toString().split(' ')[1]);
});
s.bind(Number(port), () => {
  s.addMembership(group, address);
  setTimeout(done, Number(ms));
  setInterval(() => { if (last > 0 && Date.now() - last > 1500) done(); }, 250);
});`;

/** `node -e SENDER GROUP PORT ADDRESS COUNT GAP_MS [BURST]`: BURST datagrams every GAP ms (default 1). */
export const SENDER = `
const dgram = require('node:dgram');
const [group, port, address, count, gap, burst] = process.argv.slice(1);
const s = dgram.createSocket('udp4');
s.bind(0, address, () => {
  s.setMulticastTTL(16);
  s.setMulticastInterface(address);
  let i = 0;
  const t = setInterval(() => {
    for (let b = 0; b < Number(burst || 1) && i < Number(count); b++, i++)
      s.send('dmvpn-lab ' + i + ' multicast', Number(port), group);
    if (i >= Number(count)) { clearInterval(t); setTimeout(() => process.exit(0), 200); }
  }, Number(gap));
});`;

/** `node -e STOPPER PORT`: ends the receiver of this node (a datagram to it from 127.0.0.1). */
export const STOPPER = `
const s = require('node:dgram').createSocket('udp4');
s.send('stop', Number(process.argv[1]), '127.0.0.1', () => process.exit(0));`;

/** What a receiver printed; undefined when it printed nothing readable. */
export function parseReceiver(stdout: string): { received: number; distinct: number } | undefined {
  try {
    const j = JSON.parse(stdout.trim().split('\n').pop() ?? '');
    return typeof j.received === 'number' && typeof j.distinct === 'number' ? j : undefined;
  } catch {
    return undefined;
  }
}
