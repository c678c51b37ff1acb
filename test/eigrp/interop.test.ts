/**
 * The engine against a real IOS 15 router: the reference capture eigrp-neighbor-adjacency-ios15.pcapng
 * (classic AS 12, 192.168.12.1 and .2 over FastEthernet). The engine stands in for 192.168.12.2 and
 * is fed what 192.168.12.1 sent, in order and on the capture's clock: its first CR multicast Update
 * (sent before the INIT exchange), the INIT with a piggybacked ack of our INIT, its EOT Update
 * acknowledging our startup Update. It must come up with 192.168.12.1 and learn 1.1.1.0/24 with the
 * metric IOS shows for a loopback behind FastEthernet (156160).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EigrpEngine } from '../../src/eigrp/engine.js';
import { decodeEigrp } from '../../src/wire/eigrp/index.js';
import { decodeIpv4 } from '../../src/wire/ipv4.js';
import { linkPayload, readCapture } from '../../src/wire/pcap/index.js';

const FILE = new URL('../fixtures/reference/cisco/eigrp-neighbor-adjacency-ios15.pcapng', import.meta.url);

test('the engine peers with the IOS router of the capture and learns its route', () => {
  const cap = readCapture(new Uint8Array(readFileSync(FILE)));
  const engine = new EigrpEngine({
    as: 12,
    networks: [{ address: '192.168.12.0' }],
    interfaces: [{ name: 'FastEthernet0/0', address: '192.168.12.2', prefixLength: 24 }],
  });
  const t0 = cap.frames[0].timestampNs;
  const logs: string[] = [];
  const sent: Array<{ destination: string; bytes: Uint8Array }> = [];
  const carry = (actions: ReturnType<EigrpEngine['tick']>) => {
    for (const a of actions) {
      if (a.kind === 'log') logs.push(a.text);
      if (a.kind === 'send') sent.push(a);
    }
  };
  for (const f of cap.frames) {
    const ip = decodeIpv4(linkPayload(f.linkType, f.data).payload);
    if (ip.protocol !== 88 || ip.src !== '192.168.12.1') continue;
    const now = Number((f.timestampNs - t0) / 1_000_000n);
    carry(engine.tick(now));
    carry(
      engine.receive(now, { interface: 'FastEthernet0/0', source: ip.src, destination: ip.dst, bytes: ip.payload }),
    );
  }
  const last = Number((cap.frames[cap.frames.length - 1].timestampNs - t0) / 1_000_000n);
  const s = engine.snapshot(last);
  assert.deepEqual(logs, [
    '%DUAL-5-NBRCHANGE: EIGRP-IPv4 12: Neighbor 192.168.12.1 (FastEthernet0/0) is up: new adjacency',
  ]);
  assert.equal(s.neighbors[0].up, true);
  assert.equal(s.neighbors[0].queueCount, 0, 'IOS acknowledged everything we sent');
  assert.deepEqual(engine.routes(), [
    {
      prefix: '1.1.1.0',
      prefixLength: 24,
      nextHops: [{ address: '192.168.12.1', interface: 'FastEthernet0/0' }],
      distance: 90,
      metric: 156_160,
      code: 'D',
    },
  ]);
  assert.ok(sent.length > 0);
});

test('IOS named mode with HMAC-SHA-256: every packet of the capture is accepted, its bare Acks unsigned', () => {
  const cap = readCapture(
    new Uint8Array(
      readFileSync(new URL('../fixtures/reference/cisco/eigrp-sha-authentication.pcapng', import.meta.url)),
    ),
  );
  const engine = new EigrpEngine({
    as: 12,
    networks: [{ address: '192.168.12.0' }],
    interfaces: [
      {
        name: 'FastEthernet0/0',
        address: '192.168.12.2',
        prefixLength: 24,
        authentication: { mode: 'sha256', password: 'SECRET_KEY' },
      },
    ],
  });
  const t0 = cap.frames[0].timestampNs;
  let sentAcks = 0;
  for (const f of cap.frames) {
    const ip = decodeIpv4(linkPayload(f.linkType, f.data).payload);
    if (ip.protocol !== 88 || ip.src !== '192.168.12.1') continue;
    const now = Number((f.timestampNs - t0) / 1_000_000n);
    const out = engine.receive(now, { interface: 'FastEthernet0/0', source: ip.src, bytes: ip.payload });
    for (const a of out) {
      if (a.kind !== 'send') continue;
      const p = decodeEigrp(a.bytes);
      if (p.opcode === 5 && p.ack !== 0 && a.bytes.length === 20) sentAcks++;
    }
  }
  const t = engine.snapshot(0).traffic;
  assert.equal(t.drops.badAuth, 0, 'every digest of 192.168.12.1 verifies');
  assert.deepEqual([t.received.hello, t.received.update, t.received.ack], [1, 3, 2]);
  assert.equal(engine.snapshot(0).neighbors[0].address, '192.168.12.1');
  assert.ok(sentAcks >= 2, 'our Acks are bare 20-byte packets, as IOS sends them');
});
