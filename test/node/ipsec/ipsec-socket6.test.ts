/**
 * IpsecSocket over an IPv6 NBMA, two routers over in-memory ports: peers are the handles of each side's
 * Ipv6NbmaBook; the first GRE packet starts IKEv2 (UDP from IPv6 addresses, in a non-canonical spelling as a socket
 * might give it) and is held until the SA is up; GRE then goes sealed in ESP (transport mode, and tunnel mode with
 * an inner IPv6 header) and is opened on the other side; the SAs and counters are keyed by the IPv6 text. IKEv1
 * too (`crypto isakmp key K address ipv6 ::/0`), with `show crypto isakmp sa` in its IPv6 layout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { Ipv6NbmaBook } from '../../../src/node/dataplane/nbma-book.js';
import { IpsecSocket, type UdpPort } from '../../../src/node/ipsec/ipsec-socket.js';
import { renderIsakmpSa } from '../../../src/ikev1/snapshot.js';
import { EspInbound } from '../../../src/ipsec/index.js';

const A6 = '2001:db8:0:2::1';
const B6 = '2001:db8:0:3::1';

interface Node {
  sock: IpsecSocket;
  book: Ipv6NbmaBook;
  got: Array<[string, Uint8Array]>;
  esp: Uint8Array[];
}

function pair(mode: 'transport' | 'tunnel', ikev1 = false): [Node, Node] {
  let now = 1_000;
  const make = (local: string): Node => {
    const book = new Ipv6NbmaBook();
    const sock = new IpsecSocket(
      local,
      { localAddress: local, peers: [{ address: '::', psk: 'k3y', mode }] },
      { clock: () => (now += 1), log: () => undefined, kick: () => undefined, book },
      // IKEv1: `crypto isakmp key k3y address ipv6 ::/0`
      ikev1 ? { localAddress: local, keys: [{ address: '::', mask: '0', psk: 'k3y' }], mode } : undefined,
    );
    const n: Node = { sock, book, got: [], esp: [] };
    sock.onPacket((src, bytes) => n.got.push([book.text(src), bytes.slice()]));
    return n;
  };
  const a = make(A6);
  const b = make(B6);
  const wire = (from: Node, to: Node): void => {
    const udp = new Map<number, UdpPort>();
    for (const port of [500, 4500]) {
      udp.set(port, {
        send: (bytes, p) =>
          // upper case and uncompressed, as another stack may write it: the socket canonicalizes
          queueMicrotask(() => to.sock.receiveUdp(p, bytes, { address: from.sock.local.toUpperCase(), port })),
        close: () => undefined,
      });
    }
    const esp = {
      send: (dst: number, bytes: Uint8Array): number => {
        assert.equal(from.book.text(dst), to.sock.local, 'ESP goes to the peer the handle names');
        from.esp.push(bytes.slice());
        queueMicrotask(() => to.sock.receiveEsp(to.book.number(from.sock.local)!, bytes));
        return bytes.length;
      },
      close: () => undefined,
    };
    from.sock.attachPorts(esp, udp);
  };
  wire(a, b);
  wire(b, a);
  return [a, b];
}

const gre = (n: number): Uint8Array =>
  Uint8Array.from([0x00, 0x00, 0x08, 0x00, ...Array.from({ length: 40 }, (_, i) => (i + n) & 0xff)]);
const settle = async (): Promise<void> => {
  for (let i = 0; i < 30; i++) await tick();
};

for (const mode of ['transport', 'tunnel'] as const) {
  test(`IPv6 NBMA: GRE held while IKEv2 comes up, then sealed in ESP and opened (${mode} mode)`, async () => {
    const [a, b] = pair(mode);
    const toB = a.book.number(B6)!;
    assert.ok(a.sock.send(toB, gre(0)) < 0, 'no SA yet');
    await settle();
    for (let i = 1; i <= 2; i++) assert.equal(a.sock.send(toB, gre(i)), gre(i).length);
    await settle();
    assert.deepEqual(
      b.got,
      [0, 1, 2].map((i) => [A6, gre(i)]),
    );
    assert.deepEqual(
      a.sock.snapshot().sas.map((s) => [s.local, s.remote, s.status]),
      [[`${A6}/500`, `${B6}/500`, 'READY']],
    );
    const pa = a.sock.peers().find((p) => p.peer === B6)!;
    assert.deepEqual([pa.counters.encaps, pa.counters.noSa], [3, 1]);
    assert.equal(b.sock.peers().find((p) => p.peer === A6)!.counters.decaps, 3);
    // what went on the wire: GRE (next header 47), or an inner IPv6 header (41) from A6 to B6 with GRE in it
    const child = [...pa.children.values()][0]!;
    const sa = b.sock.peers().find((p) => p.peer === A6)!.current!.view.inbound;
    assert.equal(child.view.spiOut, sa.spi);
    const opened = new EspInbound(sa).open(a.esp.at(-1)!);
    if (mode === 'transport') assert.equal(opened.nextHeader, 47);
    else {
      assert.equal(opened.nextHeader, 41);
      assert.equal(opened.payload[0]! >> 4, 6);
      assert.equal(opened.payload[6], 47);
      assert.deepEqual(Buffer.from(opened.payload.subarray(40)), Buffer.from(gre(2)));
    }
  });
}

test('IPv6 NBMA with IKEv1: main mode and quick mode (ID_IPV6_ADDR proxy identities for GRE), then sealed', async () => {
  const [a, b] = pair('transport', true);
  const toB = a.book.number(B6)!;
  assert.ok(a.sock.send(toB, gre(0)) < 0, 'no SA yet');
  await settle();
  assert.equal(a.sock.send(toB, gre(1)), gre(1).length);
  await settle();
  assert.deepEqual(
    b.got,
    [0, 1].map((i) => [A6, gre(i)]),
  );
  assert.deepEqual(
    a.sock.isakmpSnapshot()?.sas.map((s) => [s.dst, s.src, s.state]),
    [[B6, A6, 'QM_IDLE']],
  );
  const text = renderIsakmpSa(a.sock.isakmpSnapshot()!);
  assert.match(
    text,
    /IPv6 Crypto ISAKMP SA\n\n dst: 2001:DB8:0:3::1\n src: 2001:DB8:0:2::1\n state: QM_IDLE +conn-id: +\d+ status: ACTIVE/,
  );
  const detail = renderIsakmpSa(a.sock.isakmpSnapshot()!, true);
  assert.match(detail, /\n {6}Local {2}2001:DB8:0:2::1\n {6}Remote 2001:DB8:0:3::1\n/);
});

test('IPv6 NBMA: an IpsecSocket without the book is refused', () => {
  assert.throws(
    () => new IpsecSocket(A6, { localAddress: A6, peers: [] }, { clock: Date.now, log: () => {}, kick: () => {} }),
    /needs its book/,
  );
});
