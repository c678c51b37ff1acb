import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeGre } from '../../../src/wire/gre.js';
import { GreDemux } from '../../../src/node/dataplane/gre-demux.js';
import { FakeNbmaNetwork } from '../../../src/node/dataplane/fakes.js';

const gre = (key: number | undefined, checksumPresent = false) =>
  encodeGre({ protocolType: 0x0800, checksumPresent, checksum: 0, reserved1: 0, reserved0: 0, key, payload: Uint8Array.of(0x45, 0) });

test('GRE demux: packets go to the tunnel with their key, unkeyed ones to the tunnel without a key', () => {
  const raw = new FakeNbmaNetwork().socket('192.0.2.1');
  const demux = new GreDemux(raw);
  const seen: string[] = [];
  demux.tunnel(1).onPacket(() => seen.push('key1'));
  demux.tunnel(2).onPacket(() => seen.push('key2'));
  const plain = demux.tunnel(undefined);
  plain.onPacket(() => seen.push('nokey'));
  raw.receive('192.0.2.2', gre(2));
  raw.receive('192.0.2.2', gre(1, true)); // key after the checksum word
  raw.receive('192.0.2.2', gre(undefined));
  raw.receive('192.0.2.2', gre(3));
  raw.receive('192.0.2.2', Uint8Array.of(0x20, 0, 8, 0, 1));
  assert.deepEqual(seen, ['key2', 'key1', 'nokey']);
  assert.deepEqual(demux.stats, { noTunnel: 1, truncated: 1 });
  assert.equal(plain.headroom, raw.headroom);
  plain.send(0xc0000202, Uint8Array.of(1, 2));
  assert.equal(raw.sent[0].dst, '192.0.2.2');
  assert.throws(() => demux.tunnel(1).onPacket(() => undefined), /key 1 is already registered/);
});
