import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DecodeError } from '../../src/wire/errors.js';
import { decodeGre, encodeGre } from '../../src/wire/gre.js';
import { decodeIpv4, encodeIpv4, ipv4ChecksumOk, ipv4Endpoints, makeIpv4 } from '../../src/wire/ipv4.js';
import { linkPayload, readCapture } from '../../src/wire/pcap/index.js';
import { CISCO_DIR, hex, toHex } from '../helpers/wire.js';

test('encode computes total length and header checksum; decode reads them back', () => {
  const bytes = encodeIpv4(
    makeIpv4({ src: '192.0.2.1', dst: '198.51.100.7', protocol: 47, id: 0x1234, flags: 2, payload: hex('00002001') }),
  );
  assert.equal(bytes.length, 24);
  assert.ok(ipv4ChecksumOk(bytes));
  const p = decodeIpv4(bytes);
  assert.equal(p.totalLength, 24);
  assert.equal(p.src, '192.0.2.1');
  assert.equal(p.dst, '198.51.100.7');
  assert.equal(p.protocol, 47);
  assert.equal(p.flags, 2);
  assert.equal(p.ttl, 255);
  assert.equal(toHex(p.payload), '00002001');
});

test('options and link padding: payload is bounded by total length', () => {
  const withOpts = encodeIpv4(
    makeIpv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 1, options: hex('94040000'), payload: hex('0800') }),
  );
  const padded = new Uint8Array(withOpts.length + 6);
  padded.set(withOpts);
  const p = decodeIpv4(padded);
  assert.equal(toHex(p.options), '94040000');
  assert.equal(toHex(p.payload), '0800');
  assert.equal(toHex(encodeIpv4(p)), toHex(withOpts));
});

test('every IPv4 and GRE packet in the Cisco captures re-encodes to the same bytes', () => {
  let ipCount = 0;
  let greCount = 0;
  for (const file of readdirSync(CISCO_DIR).filter((f) => f.endsWith('.pcap') || f.endsWith('.pcapng'))) {
    for (const f of readCapture(new Uint8Array(readFileSync(join(CISCO_DIR, file)))).frames) {
      const link = linkPayload(f.linkType, f.data);
      if (link.etherType !== 0x0800) continue;
      const ip = decodeIpv4(link.payload);
      assert.ok(ipv4ChecksumOk(link.payload), `${file} frame ${f.number}: IPv4 checksum`);
      assert.equal(toHex(encodeIpv4(ip)), toHex(link.payload.subarray(0, ip.totalLength)), `${file} frame ${f.number}`);
      ipCount++;
      if (ip.protocol === 47) {
        assert.equal(toHex(encodeGre(decodeGre(ip.payload))), toHex(ip.payload), `${file} frame ${f.number}: GRE`);
        greCount++;
      }
    }
  }
  assert.ok(ipCount > 50 && greCount > 20, `found ${ipCount} IPv4 and ${greCount} GRE packets`);
});

test('bad version, short header length, and total length past the buffer are DecodeErrors', () => {
  const good = encodeIpv4(makeIpv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 47 }));
  const tweak = (i: number, v: number): Uint8Array => {
    const b = good.slice();
    b[i] = v;
    return b;
  };
  const code = (b: Uint8Array): string => {
    try {
      decodeIpv4(b);
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof DecodeError);
      return e.code;
    }
  };
  assert.equal(code(tweak(0, 0x65)), 'BAD_VERSION');
  assert.equal(code(tweak(0, 0x44)), 'BAD_LENGTH');
  assert.equal(code(tweak(3, 0x40)), 'TRUNCATED');
  assert.equal(code(tweak(3, 0x10)), 'BAD_LENGTH');
  assert.equal(code(good.subarray(0, 19)), 'TRUNCATED');
});

test('ipv4Endpoints reads source and destination from a header, and refuses short or non-IPv4 ones', () => {
  const bytes = encodeIpv4(makeIpv4({ src: '10.0.1.5', dst: '10.0.2.5', protocol: 1, payload: hex('0800') }));
  assert.deepEqual(ipv4Endpoints(bytes.subarray(0, 20)), { src: '10.0.1.5', dst: '10.0.2.5' });
  assert.equal(ipv4Endpoints(bytes.subarray(0, 19)), undefined);
  const v6 = Uint8Array.from(bytes);
  v6[0] = 0x60;
  assert.equal(ipv4Endpoints(v6), undefined);
});
