/**
 * IpsecSocket between two routers over in-memory ports: the first GRE packet starts IKEv2 and is held until the SA is up,
 * later ones arrive sealed and opened (transport and tunnel mode); a wrong key leaves no SA and says why; a burst
 * opened in place arrives in order and its replay is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { IpsecSocket, type UdpPort } from '../../../src/node/ipsec/ipsec-socket.js';
import { formatIpv4, parseIpv4 } from '../../../src/wire/ipv4-addr.js';

interface Node {
  sock: IpsecSocket;
  got: Array<[string, Uint8Array]>;
  log: string[];
  wire: Array<{ proto: 'esp' | 'udp'; bytes: Uint8Array }>;
}

function pair(
  opts: { pskB?: string; mode?: 'transport' | 'tunnel'; ikev1?: boolean; cbc?: boolean } = {},
): [Node, Node] {
  let now = 1_000;
  const make = (local: string, psk: string): Node => {
    const log: string[] = [];
    const sock = new IpsecSocket(
      local,
      {
        localAddress: local,
        peers: [
          {
            address: '0.0.0.0',
            psk,
            mode: opts.mode ?? 'transport',
            ...(opts.cbc ? { esp: [{ encr: ['aes-cbc-256' as const], integ: ['sha256-128' as const] }] } : {}),
          },
        ],
      },
      { clock: () => (now += 1), log: (l) => log.push(l), kick: () => undefined },
      opts.ikev1
        ? {
            localAddress: local,
            keys: [{ address: '0.0.0.0', mask: '0.0.0.0', psk }],
            mode: opts.mode ?? 'transport',
          }
        : undefined,
    );
    const n: Node = { sock, got: [], log, wire: [] };
    sock.onPacket((src, bytes) => n.got.push([formatIpv4(src), bytes.slice()]));
    return n;
  };
  const a = make('192.0.2.1', 'k3y');
  const b = make('192.0.2.2', opts.pskB ?? 'k3y');
  const wire = (from: Node, to: Node): void => {
    const udp = new Map<number, UdpPort>();
    for (const port of [500, 4500]) {
      udp.set(port, {
        send: (bytes, p) => {
          from.wire.push({ proto: 'udp', bytes });
          queueMicrotask(() => to.sock.receiveUdp(p, bytes, { address: from.sock.local, port }));
        },
        close: () => undefined,
      });
    }
    const esp = {
      send: (_dst: number, bytes: Uint8Array): number => {
        from.wire.push({ proto: 'esp', bytes: bytes.slice() }); // a capture's copy: the receiver decrypts in place
        queueMicrotask(() => to.sock.receiveEsp(parseIpv4(from.sock.local)!, bytes));
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

const B = parseIpv4('192.0.2.2')!;
const gre = (n: number): Uint8Array =>
  Uint8Array.from([0x00, 0x00, 0x08, 0x00, ...Array.from({ length: 40 }, (_, i) => (i + n) & 0xff)]);
const settle = async (): Promise<void> => {
  for (let i = 0; i < 30; i++) await tick();
};

for (const mode of ['transport', 'tunnel'] as const) {
  test(`GRE to a peer: held while IKE comes up, then it and the next ones sealed and opened (${mode} mode)`, async () => {
    const [a, b] = pair({ mode });
    assert.ok(a.sock.send(B, gre(0)) < 0, 'no SA yet: not sent now');
    assert.equal(a.wire.filter((w) => w.proto === 'esp').length, 0);
    await settle();
    assert.equal(a.sock.peers()[0].children.size, 1);
    for (let i = 1; i <= 3; i++) assert.equal(a.sock.send(B, gre(i)), gre(i).length);
    await settle();
    assert.deepEqual(
      b.got,
      [0, 1, 2, 3].map((i) => ['192.0.2.1', gre(i)]),
    );
    const esp = a.wire.filter((w) => w.proto === 'esp');
    assert.equal(esp.length, 4);
    assert.ok(
      esp.every((w) => !Buffer.from(w.bytes).includes(Buffer.from(gre(1).subarray(4, 20)))),
      'not in the clear',
    );
    const pa = a.sock.peers().find((p) => p.peer === '192.0.2.2')!;
    assert.deepEqual([pa.counters.encaps, pa.counters.noSa], [4, 1]);
    assert.equal(b.sock.peers().find((p) => p.peer === '192.0.2.1')!.counters.decaps, 4);
    assert.equal([...pa.children.values()][0].view.mode, mode);
  });
}

test('a wrong pre-shared key: no SA, nothing sent in ESP, and the log says authentication failed', async () => {
  const [a, b] = pair({ pskB: 'other' });
  a.sock.send(B, gre(0));
  await settle();
  assert.equal(a.sock.send(B, gre(1)) < 0, true);
  assert.equal(a.wire.filter((w) => w.proto === 'esp').length, 0);
  assert.deepEqual(
    a.sock.snapshot().sas.filter((s) => s.status === 'READY'),
    [],
  );
  assert.match([...a.log, ...b.log].join('\n'), /AUTH/);
});

test('IKEv1 (a profile without set ikev2-profile): held, main mode + quick mode, then sealed; show crypto isakmp sa', async () => {
  const [a, b] = pair({ ikev1: true });
  assert.equal(a.sock.ikeVersion, 1);
  assert.ok(a.sock.send(B, gre(0)) < 0, 'no SA yet: not sent now');
  await settle();
  assert.equal(a.sock.send(B, gre(1)), gre(1).length);
  await settle();
  assert.deepEqual(
    b.got,
    [0, 1].map((i) => ['192.0.2.1', gre(i)]),
  );
  assert.deepEqual(
    a.sock.isakmpSnapshot()?.sas.map((s) => [s.dst, s.src, s.state]),
    [['192.0.2.2', '192.0.2.1', 'QM_IDLE']],
  );
  assert.deepEqual(a.sock.snapshot().sas, [], 'no IKEv2 SA');
  a.sock.clearIsakmp();
  await settle();
  assert.equal(b.sock.isakmpSnapshot()?.sas.length, 0, 'the Delete reached the peer');
  assert.equal(b.sock.peers().find((p) => p.peer === '192.0.2.1')!.children.size, 0);
});

test('IKEv1 with a wrong pre-shared key: no SA, the peer logs IKMP_BAD_MESSAGE and counts AUTHENTICATION_FAILED', async () => {
  const [a, b] = pair({ ikev1: true, pskB: 'other' });
  a.sock.send(B, gre(0));
  await settle();
  assert.equal(a.wire.filter((w) => w.proto === 'esp').length, 0);
  assert.match(b.log.join('\n'), /%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192\.0\.2\.1 failed its sanity check/);
  assert.equal(b.sock.isakmpSnapshot()?.counters.AUTHENTICATION_FAILED, 1);
});

test('replayed and corrupted ESP: dropped and counted, logged once IOS-style, debug on each; nothing crashes', async () => {
  const [a, b] = pair();
  const dbg: string[] = [];
  (b.sock as unknown as { deps: { debug: (l: string) => void } }).deps.debug = (l) => dbg.push(l);
  a.sock.send(B, gre(0));
  await settle();
  a.sock.send(B, gre(1));
  await settle();
  const sealed = a.wire.filter((w) => w.proto === 'esp').at(-1)!.bytes;
  const A = parseIpv4('192.0.2.1')!;
  const before = b.got.length;
  b.sock.receiveEsp(A, sealed);
  b.sock.receiveEsp(A, sealed);
  // a fresh sequence number (a replayed one is refused before its ICV is checked, RFC 4303 3.4.3)
  const bad = a.sock.peers()[0].current!.out.seal(gre(5), 47).slice();
  bad[bad.length - 1] ^= 0x01;
  b.sock.receiveEsp(A, bad);
  b.sock.receiveEsp(A, bad);
  const unknown = sealed.slice();
  unknown[0] ^= 0xff;
  b.sock.receiveEsp(A, unknown);
  b.sock.receiveEsp(A, sealed.subarray(0, 5));
  assert.equal(b.got.length, before, 'none delivered');
  const c = b.sock.peers().find((p) => p.peer === '192.0.2.1')!.counters;
  assert.deepEqual([c.replayed, c.decryptFailed], [2, 3]);
  assert.equal(b.sock.stats.malformed, 1);
  const logs = b.log.filter((l) => l.startsWith('%CRYPTO-4-'));
  assert.deepEqual(
    logs.map((l) => l.split(':')[0]),
    ['%CRYPTO-4-PKT_REPLAY_ERR', '%CRYPTO-4-RECVD_PKT_MAC_ERR', '%CRYPTO-4-RECVD_PKT_INV_SPI'],
  );
  assert.match(
    logs[2]!,
    /invalid spi for destaddr=192\.0\.2\.2, prot=50, spi=0x[0-9a-f]{8}\(\d+\), srcaddr=192\.0\.2\.1/,
  );
  assert.equal(dbg.filter((l) => l.startsWith('IPSEC(decaps)')).length, 5);
});

test('clear with a peer deletes that IKE SA (DELETE sent) and its ESP SAs; traffic brings them back', async () => {
  const [a, b] = pair();
  a.sock.send(B, gre(0));
  await settle();
  assert.equal(a.sock.clear('192.0.2.9'), 0);
  assert.equal(a.sock.clear('192.0.2.2'), 1);
  await settle();
  assert.equal(a.sock.peers()[0].children.size, 0);
  assert.equal(b.sock.peers()[0].children.size, 0);
  assert.ok(a.sock.send(B, gre(1)) < 0, 'held: IKE again');
  await settle();
  assert.equal(a.sock.peers()[0].children.size, 1);
  assert.deepEqual(b.got.at(-1), ['192.0.2.1', gre(1)]);
});

test('behind a NAT: ESP in UDP 4500, and a NAT keepalive (0xFF) to the peer only after an idle interval', async () => {
  let now = 1_000;
  const NATTED = { address: '198.51.100.9', port: 4501 };
  const sent: Array<{ from: string; port: number; bytes: Uint8Array }> = [];
  const make = (local: string, keepalive?: number) =>
    new IpsecSocket(
      local,
      { localAddress: local, peers: [{ address: '0.0.0.0', psk: 'k3y', mode: 'transport' }] },
      {
        clock: () => now,
        log: () => undefined,
        kick: () => undefined,
        ...(keepalive ? { natKeepaliveMs: keepalive } : {}),
      },
    );
  const a = make('192.168.1.2', 10_000);
  const b = make('192.0.2.2');
  const udp = (from: IpsecSocket, to: IpsecSocket, seen: (port: number) => { address: string; port: number }) =>
    new Map(
      [500, 4500].map((port): [number, UdpPort] => [
        port,
        {
          send: (bytes) => {
            sent.push({ from: from.local, port, bytes });
            queueMicrotask(() => to.receiveUdp(port === 500 ? 500 : 4500, bytes, seen(port)));
          },
          close: () => undefined,
        },
      ]),
    );
  const none = { send: () => -1, close: () => undefined };
  a.attachPorts(
    none,
    udp(a, b, (port) => (port === 500 ? { address: NATTED.address, port: 1500 } : NATTED)),
  );
  b.attachPorts(
    none,
    udp(b, a, (port) => ({ address: '192.0.2.2', port })),
  );
  const got: number[] = [];
  b.onPacket((src) => got.push(src));
  a.send(B, gre(0));
  await settle();
  const viaA = () => sent.filter((s) => s.from === '192.168.1.2' && s.port === 4500);
  assert.ok(a.snapshot().sas[0]!.nat.local, 'A knows it is behind a NAT');
  assert.equal(got.length, 1, 'the held packet went in UDP 4500');
  assert.ok(viaA().some((s) => s.bytes.length > 1 && (s.bytes[0]! | s.bytes[1]! | s.bytes[2]! | s.bytes[3]!) !== 0));
  const keepalives = () => viaA().filter((s) => s.bytes.length === 1 && s.bytes[0] === 0xff).length;
  now += 10_000;
  a.tick(now);
  assert.equal(keepalives(), 0, 'traffic went during the interval: no keepalive');
  now += 10_000;
  a.tick(now);
  assert.equal(keepalives(), 1, 'idle for an interval: one keepalive');
  assert.equal(a.peers()[0]!.counters.natKeepalives, 1);
  assert.equal(a.nextDeadline()! <= now + 10_000, true);
  const quiet = make('192.0.2.7');
  assert.equal(quiet.nextDeadline(), undefined, 'no keepalive timer without the command');
});

for (const suite of ['gcm', 'cbc'] as const) {
  test(`a burst opened in place (${suite}): delivered whole and in order, replays of it all refused`, async () => {
    const [a, b] = pair(suite === 'cbc' ? { cbc: true } : {});
    a.sock.send(B, gre(0));
    await settle();
    const want = suite === 'gcm' ? 'aes-gcm-16' : 'aes-cbc+hmac-sha256-128';
    assert.equal(b.sock.peers()[0].current!.view.inbound.suite, want);
    const burst = Array.from({ length: 300 }, (_, i) => gre(i + 1));
    for (const g of burst) assert.equal(a.sock.send(B, g), g.length);
    await settle();
    assert.deepEqual(
      b.got.map(([, bytes]) => Buffer.from(bytes).toString('hex')),
      [gre(0), ...burst].map((g) => Buffer.from(g).toString('hex')),
    );
    const sent = a.wire.filter((w) => w.proto === 'esp').map((w) => w.bytes);
    assert.equal(sent.length, 301);
    const A = parseIpv4('192.0.2.1')!;
    for (const esp of sent) b.sock.receiveEsp(A, esp.slice());
    const c = b.sock.peers().find((p) => p.peer === '192.0.2.1')!.counters;
    assert.deepEqual([c.decaps, c.replayed, c.decryptFailed, b.got.length], [301, 301, 0, 301]);
  });
}
