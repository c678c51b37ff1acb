import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArpOp, decodeArp, encodeArp } from '../../src/wire/arp.js';
import { DecodeError } from '../../src/wire/errors.js';

// An ARP request as Linux sends it: who-has 10.0.0.2 tell 10.0.0.1.
const REQUEST = '0001080006040001525400123456 0a000001 000000000000 0a000002'.replace(/ /g, '');

test('ARP: decode and re-encode a request', () => {
  const bytes = Buffer.from(REQUEST, 'hex');
  const p = decodeArp(bytes);
  assert.equal(p.op, ArpOp.Request);
  assert.equal(Buffer.from(p.senderMac).toString('hex'), '525400123456');
  assert.deepEqual([p.senderIp, p.targetIp], ['10.0.0.1', '10.0.0.2']);
  assert.equal(Buffer.from(encodeArp(p)).toString('hex'), REQUEST);
});

test('ARP: trailing Ethernet padding is ignored; other hardware/protocols and truncation are DecodeErrors', () => {
  const padded = Buffer.concat([Buffer.from(REQUEST, 'hex'), Buffer.alloc(18)]);
  assert.equal(decodeArp(padded).targetIp, '10.0.0.2');
  const ipv6ish = Buffer.from(REQUEST, 'hex');
  ipv6ish[2] = 0x86;
  assert.throws(
    () => decodeArp(ipv6ish),
    (e: unknown) => e instanceof DecodeError && e.code === 'UNSUPPORTED',
  );
  assert.throws(
    () => decodeArp(Buffer.from(REQUEST, 'hex').subarray(0, 20)),
    (e: unknown) => e instanceof DecodeError && e.code === 'TRUNCATED',
  );
  assert.throws(() => encodeArp({ ...decodeArp(padded), senderMac: new Uint8Array(5) }), RangeError);
});
