import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ethernet, hex, rig, TAP_MAC, toHex } from '../../helpers/frames.js';

/** An ARP request from the kernel (sender 10.0.0.1 at the TAP MAC) asking for `target`. */
function arpRequest(target: string): Uint8Array {
  const t = target
    .split('.')
    .map((x) => Number(x).toString(16).padStart(2, '0'))
    .join('');
  const body = hex(`0001 0800 06 04 0001 ${TAP_MAC} 0a000001 000000000000 ${t}`);
  return ethernet('ff:ff:ff:ff:ff:ff', TAP_MAC, 0x0806, body);
}

test('ARP: a request for a tunnel-subnet address is answered with the synthetic MAC 02:dd + address', () => {
  const { tap, dp } = rig();
  tap.inject(arpRequest('10.0.0.2'));
  assert.equal(tap.written.length, 1);
  const expected =
    '525400123456' +
    '02dd0a000002' +
    '0806' + // Ethernet: to the asker, from the synthetic MAC
    '0001' +
    '0800' +
    '06' +
    '04' +
    '0002' + // Ethernet/IPv4 reply
    '02dd0a000002' +
    '0a000002' + // sender: the answered address and its MAC
    '525400123456' +
    '0a000001'; // target: the asker
  assert.equal(toHex(tap.written[0]), expected);
  assert.equal(dp.stats().arpReplies, 1);
});

test('ARP: own address, off-subnet targets and replies get no answer and are counted', () => {
  const { tap, dp } = rig();
  tap.inject(arpRequest('10.0.0.1'));
  tap.inject(arpRequest('10.9.9.9'));
  const reply = arpRequest('10.0.0.2');
  reply[21] = 2; // operation = reply
  tap.inject(reply);
  tap.inject(ethernet('ff:ff:ff:ff:ff:ff', TAP_MAC, 0x0806, hex('0001 0800 06'))); // truncated
  assert.equal(tap.written.length, 0);
  const d = dp.stats().drops;
  assert.deepEqual([d.arpIgnored, d.arpOffSubnet, d.arpMalformed], [2, 1, 1]);
});

test('ARP: a point-to-point tunnel answers for any address', () => {
  const { tap } = rig({ destination: '192.0.2.9', prefixLength: 30 });
  tap.inject(arpRequest('10.9.9.9'));
  assert.equal(tap.written.length, 1);
  assert.equal(toHex(tap.written[0].subarray(6, 12)), '02dd0a090909');
});
