/**
 * The IKEv1 engine against the Cisco main mode capture (wireshark-capture-ipsec-ikev1-isakmp-main-mode.pcap):
 * with IOS's `crypto isakmp policy` (encr aes, hash sha, group 2, pre-share) our main mode message 1 carries the
 * SA payload IOS sends, byte for byte; answering IOS's message 1 we send the SA payload IOS's responder sent; and
 * IOS's messages 2 and 4 take our initiator through to an encrypted message 5 on the NAT-T path IOS chose.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import type { IkeAction } from '../../src/ike/actions.js';
import { Ikev1Engine, type Ikev1ConfigInput } from '../../src/ikev1/index.js';
import { decodeIsakmp, IsakmpFlags } from '../../src/wire/isakmp/index.js';
import { ciscoIpsecPackets } from '../helpers/wire.js';

const FILE = 'wireshark-capture-ipsec-ikev1-isakmp-main-mode.pcap';
const frames = () => {
  const v1 = ciscoIpsecPackets().filter((p) => p.file === FILE && p.majorVersion === 1);
  assert.equal(v1.length, 9);
  return v1.map((p) => p.bytes);
};

const ios: Ikev1ConfigInput = {
  localAddress: '192.0.2.1',
  keys: [{ address: '0.0.0.0', mask: '0.0.0.0', psk: 'cisco' }],
  policies: [{ priority: 10, encr: 'aes-128', hash: 'sha', group: 2, lifetime: 86400 }],
};

/** The raw SA payload (generic header included) of an unencrypted message. */
function saPayload(msg: Uint8Array): string {
  assert.equal(msg[16], 1, 'the first payload is the SA');
  const len = (msg[30] << 8) | msg[31];
  return Buffer.from(msg.subarray(28, 28 + len))
    .toString('hex')
    .slice(8); // body only (next payload differs)
}

const sends = (a: IkeAction[]) => a.filter((x): x is Extract<IkeAction, { kind: 'send' }> => x.kind === 'send');

test('our main mode message 1 offers the SA payload IOS sends for the same policy', () => {
  const [mm1] = frames();
  const cookie = mm1.subarray(0, 8);
  let first = true;
  const random = (n: number) => {
    if (first && n === 8) {
      first = false;
      return cookie.slice();
    }
    return new Uint8Array(randomBytes(n));
  };
  const e = new Ikev1Engine(ios, { random, debug: false });
  const [ours] = sends(e.initiate(0, '192.0.2.2'));
  assert.equal(saPayload(ours.bytes), saPayload(mm1));
  assert.deepEqual(ours.bytes.subarray(0, 8), cookie);
});

test("answering IOS's message 1 we send the SA payload IOS's responder sent", () => {
  const [mm1, mm2] = frames();
  const e = new Ikev1Engine({ ...ios, localAddress: '192.0.2.2' }, { debug: false });
  const [reply] = sends(e.receive(0, mm1, { address: '192.0.2.1', port: 500 }, 500));
  assert.ok(reply, 'an answer');
  assert.equal(saPayload(reply.bytes), saPayload(mm2));
  assert.equal(e.snapshot(0).sas[0].state, 'MM_SA_SETUP');
});

test("IOS's messages 2 and 4 take our initiator to an encrypted message 5 (NAT-D read, keys derived)", () => {
  const [mm1, mm2, , mm4] = frames();
  let first = true;
  const random = (n: number) => {
    if (first && n === 8) {
      first = false;
      return mm1.slice(0, 8);
    }
    return new Uint8Array(randomBytes(n));
  };
  const peer = { address: '192.0.2.2', port: 500 };
  const e = new Ikev1Engine(ios, { random, debug: false });
  e.initiate(0, peer.address);
  const [mm3] = sends(e.receive(1, mm2, peer, 500));
  const m3 = decodeIsakmp(mm3.bytes);
  assert.deepEqual(
    m3.payloads.map((p) => p.kind),
    ['ke', 'nonce', 'natD', 'natD'],
  );
  assert.equal(m3.payloads[0].kind === 'ke' && m3.payloads[0].data.length, 128, 'group 2 (MODP-1024) public value');
  const [mm5] = sends(e.receive(2, mm4, peer, 500));
  assert.ok(mm5, 'message 5 sent');
  const m5 = decodeIsakmp(mm5.localPort === 4500 ? mm5.bytes.subarray(4) : mm5.bytes);
  assert.equal(m5.flags & IsakmpFlags.Encryption, IsakmpFlags.Encryption);
  assert.equal((m5.encrypted?.ciphertext.length ?? 0) % 16, 0, 'AES-CBC blocks');
  assert.equal(e.snapshot(2).sas[0].state, 'MM_KEY_EXCH');
});
