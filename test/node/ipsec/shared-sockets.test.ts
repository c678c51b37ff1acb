/**
 * SharedIpsecSockets (`tunnel protection ipsec profile P shared`): two tunnels on one source hold leases on one
 * IpsecSocket, so GRE of both to one peer rides one IKE SA and one child SA; GRE opened from ESP goes to the tunnel
 * with its key; the socket closes with its last lease; a different protection plan gets no lease.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import type { ProtectionPlan } from '../../../src/node/ipsec/ike-config.js';
import { IpsecSocket, type UdpPort } from '../../../src/node/ipsec/ipsec-socket.js';
import { SharedIpsecSockets } from '../../../src/node/ipsec/shared-sockets.js';
import { formatIpv4, parseIpv4 } from '../../../src/wire/ipv4-addr.js';

const A = '192.0.2.1';
const B = '192.0.2.2';
const plan = (local: string): ProtectionPlan => ({
  profile: 'P',
  ike: { localAddress: local, peers: [{ address: '0.0.0.0', psk: 'k3y', mode: 'transport' }] },
  shared: true,
  problems: [],
});

/** GRE with key `key` (K bit) and a 20-byte payload marked `n`. */
const gre = (key: number, n: number): Uint8Array =>
  Uint8Array.from([0x20, 0x00, 0x08, 0x00, 0, 0, 0, key, ...Array.from({ length: 20 }, () => n)]);

const settle = async (): Promise<void> => {
  for (let i = 0; i < 40; i++) await tick();
};

function wire(from: IpsecSocket, to: IpsecSocket, closed: string[]): void {
  const udp = new Map<number, UdpPort>();
  for (const port of [500, 4500])
    udp.set(port, {
      send: (bytes, p) => queueMicrotask(() => to.receiveUdp(p, bytes, { address: from.local, port })),
      close: () => closed.push(`${from.local} udp ${port}`),
    });
  const esp = {
    send: (_dst: number, bytes: Uint8Array): number => {
      queueMicrotask(() => to.receiveEsp(parseIpv4(from.local)!, bytes));
      return bytes.length;
    },
    close: () => closed.push(`${from.local} esp`),
  };
  from.attachPorts(esp, udp);
}

test('two tunnels on one source share one IKE SA and one child SA; GRE comes back to the tunnel of its key', async () => {
  let now = 1_000;
  const deps = { clock: () => (now += 1), log: () => undefined, kick: () => undefined };
  const closed: string[] = [];
  const b = new IpsecSocket(B, plan(B).ike, deps);
  const bGot: Uint8Array[] = [];
  b.onPacket((_src, bytes) => bGot.push(bytes.slice()));
  let opened = 0;
  const shared = new SharedIpsecSockets();
  const open = (): IpsecSocket => {
    opened++;
    const s = new IpsecSocket(A, plan(A).ike, deps);
    wire(s, b, closed);
    wire(b, s, closed);
    return s;
  };
  const t0 = shared.acquire(A, plan(A), 'Tunnel0', () => 1, open)!;
  const t1 = shared.acquire(A, plan(A), 'Tunnel1', () => 2, open)!;
  assert.equal(opened, 1, 'one socket for the source');
  assert.equal(t0.socket, t1.socket);
  assert.deepEqual(shared.tunnels(A), ['Tunnel0', 'Tunnel1']);
  const got: Record<string, string[]> = { Tunnel0: [], Tunnel1: [] };
  t0.onPacket((src, bytes) => got.Tunnel0!.push(`${formatIpv4(src)} key ${bytes[7]} #${bytes[8]}`));
  t1.onPacket((src, bytes) => got.Tunnel1!.push(`${formatIpv4(src)} key ${bytes[7]} #${bytes[8]}`));

  t0.send(parseIpv4(B)!, gre(1, 1));
  t1.send(parseIpv4(B)!, gre(2, 2));
  await settle();
  t0.send(parseIpv4(B)!, gre(1, 3));
  t1.send(parseIpv4(B)!, gre(2, 4));
  await settle();
  const s = t0.socket;
  const ikeSas = s.snapshot().sas.filter((x) => x.status === 'READY');
  assert.equal(ikeSas.length, 1, 'one IKE SA with the peer');
  assert.equal(s.peers().length, 1);
  assert.equal(s.peers()[0]!.children.size, 1, 'one child SA for both tunnels');
  assert.deepEqual(bGot.map((x) => `key ${x[7]} #${x[8]}`).sort(), ['key 1 #1', 'key 1 #3', 'key 2 #2', 'key 2 #4']);

  b.send(parseIpv4(A)!, gre(2, 7));
  b.send(parseIpv4(A)!, gre(1, 8));
  b.send(parseIpv4(A)!, gre(9, 9)); // no tunnel has key 9: the first tunnel's data plane counts it
  await settle();
  assert.deepEqual(got, { Tunnel0: [`${B} key 1 #8`, `${B} key 9 #9`], Tunnel1: [`${B} key 2 #7`] });

  t0.close();
  assert.equal(closed.length, 0, 'Tunnel1 still holds the socket');
  assert.deepEqual(shared.tunnels(A), ['Tunnel1']);
  t1.close();
  assert.ok(closed.includes(`${A} esp`), 'the last lease closes the socket');
  assert.deepEqual(shared.tunnels(A), []);
  b.close();
});

test('a tunnel with another protection plan on the same source gets no lease', () => {
  const shared = new SharedIpsecSockets();
  const deps = { clock: () => 0, log: () => undefined, kick: () => undefined };
  const open = (): IpsecSocket => new IpsecSocket(A, plan(A).ike, deps);
  assert.ok(shared.acquire(A, plan(A), 'Tunnel0', () => 1, open));
  assert.equal(
    shared.acquire(A, { ...plan(A), profile: 'Q' }, 'Tunnel1', () => 2, open),
    undefined,
  );
  assert.ok(shared.acquire('192.0.2.3', { ...plan('192.0.2.3') }, 'Tunnel2', () => 3, open));
});
