/**
 * Reading a protected capture: esp_sa lines parse back into the SAs they came from; ESP in a frame (raw IP 50,
 * UDP 4500; transport and tunnel mode; in IPv4 or IPv6) unwraps to the frame it carried; a frame without a key stays sealed; the
 * decrypted copy `capture --decrypt` writes shows NHRP to tshark with no keys given, at the same frame numbers.
 */
import { encodeIpv6 } from '../../src/wire/ipv6.js';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  EspKeyring,
  EspOutbound,
  espSaUatLine,
  parseEspSaUatLine,
  unwrapFrame,
  type EspSa,
} from '../../src/ipsec/index.js';
import { decryptCapture } from '../../src/lab/capture-decrypt.js';
import { readPackets } from '../../src/lab/checks/packets.js';
import { encodeGre, GreProto } from '../../src/wire/gre.js';
import { decodeIpv4, encodeIpv4, ipv4ChecksumOk, makeIpv4 } from '../../src/wire/ipv4.js';
import { encodeNhrp, makeNhrp, NhrpType } from '../../src/wire/nhrp/index.js';
import { LinkType, writePcap } from '../../src/wire/pcap/index.js';
import { decodeIpv6 } from '../../src/wire/ipv6.js';
import { encodeUdp } from '../../src/wire/udp.js';
import { tsharkMissing } from '../helpers/tshark.js';

const HUB = '192.0.2.1';
const SPOKE = '198.51.100.2';
const key = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);
const GCM: EspSa = { spi: 0xc0de0001, suite: 'aes-gcm-16', encKey: key(36, 1) };
const CBC: EspSa = { spi: 0xc0de0002, suite: 'aes-cbc+hmac-sha256-128', encKey: key(32, 2), authKey: key(32, 3) };
const SHA1: EspSa = { spi: 0xc0de0003, suite: 'aes-cbc+hmac-sha1-96', encKey: key(16, 4), authKey: key(20, 5) };
const UNKNOWN: EspSa = { spi: 0xc0de0009, suite: 'aes-gcm-16', encKey: key(20, 9) };

const ipv4 = (src: string, dst: string, protocol: number, payload: Uint8Array): Uint8Array =>
  encodeIpv4(makeIpv4({ src, dst, protocol, ttl: 64, payload }));
const ether = (ip: Uint8Array): Uint8Array => Uint8Array.from([...key(12, 0x40), 0x08, 0x00, ...ip]);
const gre = encodeGre({
  protocolType: GreProto.Nhrp,
  checksumPresent: false,
  checksum: 0,
  reserved0: 0,
  reserved1: 0,
  payload: encodeNhrp(
    makeNhrp({
      type: NhrpType.RegistrationRequest,
      requestId: 9,
      srcNbma: SPOKE,
      srcProto: '10.0.0.2',
      dstProto: '10.0.0.1',
    }),
  ),
});

test('esp_sa lines parse back into the SA, the addresses and the suite; comments and blanks are skipped', () => {
  for (const sa of [GCM, CBC, SHA1]) {
    const rec = parseEspSaUatLine(espSaUatLine(sa, SPOKE, HUB))!;
    assert.deepEqual(rec, { src: SPOKE, dst: HUB, sa });
  }
  assert.equal(parseEspSaUatLine('# 192.0.2.1<->198.51.100.2 SPIs down: expired'), undefined);
  assert.equal(parseEspSaUatLine(''), undefined);
  const ring = new EspKeyring([CBC, GCM].map((s) => espSaUatLine(s, SPOKE, HUB)).join('\n'));
  assert.equal(ring.size, 2);
});

test('frames unwrap: transport mode to outer IPv4 + GRE, UDP 4500 too, tunnel mode to the inner packet', () => {
  const ring = new EspKeyring([GCM, CBC, SHA1].map((s) => espSaUatLine(s, SPOKE, HUB)).join('\n'));
  const raw = ether(ipv4(SPOKE, HUB, 50, new EspOutbound(GCM).seal(gre, 47)));
  const u = unwrapFrame(LinkType.Ethernet, raw, ring);
  assert.deepEqual(u.esp, { spi: GCM.spi, udp: false, opened: true });
  const ip = decodeIpv4(u.data.subarray(14));
  assert.equal(ip.protocol, 47);
  assert.deepEqual([ip.src, ip.dst], [SPOKE, HUB]);
  assert.deepEqual(ip.payload, gre);
  assert.ok(ipv4ChecksumOk(u.data.subarray(14)));
  assert.deepEqual(u.data.subarray(0, 14), raw.subarray(0, 14));

  const natT = encodeUdp({ srcPort: 4500, dstPort: 4500, payload: new EspOutbound(CBC).seal(gre, 47) }, SPOKE, HUB);
  const v = unwrapFrame(LinkType.Ethernet, ether(ipv4(SPOKE, HUB, 17, natT)), ring);
  assert.deepEqual(v.esp, { spi: CBC.spi, udp: true, opened: true });
  assert.deepEqual(decodeIpv4(v.data.subarray(14)).payload, gre);

  const inner = ipv4(SPOKE, HUB, 47, gre);
  const w = unwrapFrame(LinkType.Raw, ipv4(SPOKE, HUB, 50, new EspOutbound(SHA1).seal(inner, 4)), ring);
  assert.deepEqual(w.data, inner);

  const sealed = ether(ipv4(SPOKE, HUB, 50, new EspOutbound(UNKNOWN).seal(gre, 47)));
  const x = unwrapFrame(LinkType.Ethernet, sealed, ring);
  assert.equal(x.esp?.opened, false);
  assert.match(x.esp?.reason ?? '', /no key for SPI 0xc0de0009/);
  assert.equal(x.data, sealed);
  const ike = encodeUdp({ srcPort: 4500, dstPort: 4500, payload: new Uint8Array(40) }, SPOKE, HUB);
  assert.equal(unwrapFrame(LinkType.Ethernet, ether(ipv4(SPOKE, HUB, 17, ike)), ring).esp, undefined);
});

test('a protected capture: the checks read NHRP inside ESP; the decrypted copy shows it to tshark', {
  skip: tsharkMissing(),
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'esp-capture-'));
  try {
    const pcap = join(dir, 'hub-eth1.pcap');
    const frames = [
      ether(ipv4(SPOKE, HUB, 50, new EspOutbound(GCM).seal(gre, 47))),
      ether(ipv4(SPOKE, HUB, 50, new EspOutbound(UNKNOWN).seal(gre, 47))),
      ether(
        ipv4(
          SPOKE,
          HUB,
          17,
          encodeUdp({ srcPort: 4500, dstPort: 4500, payload: new EspOutbound(CBC).seal(gre, 47) }, SPOKE, HUB),
        ),
      ),
    ];
    writeFileSync(
      pcap,
      writePcap(
        frames.map((data, i) => ({ data, timestampNs: BigInt(i + 1) * 1_000_000n })),
        { linkType: LinkType.Ethernet },
      ),
    );
    writeFileSync(join(dir, 'esp_sa'), `${[GCM, CBC].map((s) => espSaUatLine(s, SPOKE, HUB)).join('\n')}\n# gone\n`);
    const ps = readPackets(pcap);
    assert.deepEqual(
      ps.map((p) => [p.frame, p.kind, p.esp?.udp]),
      [
        [1, 'nhrp', false],
        [2, 'sealed', false],
        [3, 'nhrp', true],
      ],
    );
    const r = decryptCapture(pcap);
    assert.deepEqual([r.frames, r.opened, r.sealed], [3, 2, 1]);
    const out = execFileSync(
      'tshark',
      ['-r', r.out, '-Y', 'nhrp', '-T', 'fields', '-e', 'frame.number', '-e', 'nhrp.reqid'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    assert.deepEqual(out.trim().split('\n'), ['1\t0x00000009', '3\t0x00000009']);
    assert.ok(readFileSync(r.out).length > 24);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** An IPv6 packet (RFC 8200 fixed header, no extension headers). */
const ipv6 = (src: string, dst: string, nextHeader: number, payload: Uint8Array): Uint8Array =>
  encodeIpv6(src, dst, nextHeader, 64, payload);
const ether6 = (ip: Uint8Array): Uint8Array => Uint8Array.from([...key(12, 0x40), 0x86, 0xdd, ...ip]);

test('IPv6 NBMA: ESP in IPv6 unwraps to IPv6 + GRE (transport) or the inner IPv6 packet (tunnel); the checks read it', () => {
  const S6 = '2001:db8:0:2::1';
  const H6 = '2001:db8:0:1::1';
  const ring = new EspKeyring([GCM, CBC, SHA1].map((s) => espSaUatLine(s, S6, H6)).join('\n'));
  assert.match(espSaUatLine(GCM, S6, H6), /^"IPv6","2001:db8:0:2::1","2001:db8:0:1::1"/);
  const raw = ether6(ipv6(S6, H6, 50, new EspOutbound(GCM).seal(gre, 47)));
  const u = unwrapFrame(LinkType.Ethernet, raw, ring);
  assert.deepEqual(u.esp, { spi: GCM.spi, udp: false, opened: true });
  const ip = decodeIpv6(u.data.subarray(14));
  assert.deepEqual([ip.nextHeader, ip.src, ip.dst], [47, S6, H6]);
  assert.deepEqual(ip.payload, gre);
  const inner = ipv6(S6, H6, 47, gre);
  const w = unwrapFrame(LinkType.Raw, ipv6(S6, H6, 50, new EspOutbound(CBC).seal(inner, 41)), ring);
  assert.deepEqual(w.data, inner);
  const sealed = ether6(ipv6(S6, H6, 50, new EspOutbound(UNKNOWN).seal(gre, 47)));
  assert.equal(unwrapFrame(LinkType.Ethernet, sealed, ring).esp?.opened, false);
  const dir = mkdtempSync(join(tmpdir(), 'esp6-capture-'));
  try {
    const pcap = join(dir, 'hub-eth1.pcap');
    writeFileSync(
      pcap,
      writePcap(
        [raw, sealed].map((data, i) => ({ data, timestampNs: BigInt(i + 1) * 1_000_000n })),
        { linkType: LinkType.Ethernet },
      ),
    );
    writeFileSync(join(dir, 'esp_sa'), `${espSaUatLine(GCM, S6, H6)}\n`);
    assert.deepEqual(
      readPackets(pcap).map((p) => [p.frame, p.kind, p.src, p.dst]),
      [
        [1, 'nhrp', S6, H6],
        [2, 'sealed', S6, H6],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
