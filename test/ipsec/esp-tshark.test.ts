/**
 * Wireshark sees inside our ESP: packets we seal (the known answers, tunnel-mode ICMP and transport-mode
 * GRE carrying NHRP, raw and UDP 4500-encapsulated) go to a pcap; tshark, given the SAs as `esp_sa` lines
 * from espSaUatLine, decrypts every one to the inner packet and finds each HMAC ICV good.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EspOutbound, espSaUatLine, type EspSa } from '../../src/ipsec/index.js';
import { GreProto } from '../../src/wire/gre.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { encodeNhrp, makeNhrp, NhrpType } from '../../src/wire/nhrp/index.js';
import { encodeUdp } from '../../src/wire/udp.js';
import { findKey, dissect, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';
import { CBC_ESP, CBC_SA, GCM_ESP, GCM_SA } from '../helpers/esp-vectors.js';
import { greOf } from '../helpers/wire.js';

const HUB = '192.0.2.1';
const SPOKE = '198.51.100.2';

const key = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);
const SHA1_SA: EspSa = { spi: 0x5a5a0001, suite: 'aes-cbc+hmac-sha1-96', encKey: key(16, 1), authKey: key(20, 2) };
const GCM128_SA: EspSa = { spi: 0x5a5a0002, suite: 'aes-gcm-16', encKey: key(20, 3) };

const ipv4 = (src: string, dst: string, protocol: number, payload: Uint8Array): Uint8Array =>
  encodeIpv4(makeIpv4({ src, dst, protocol, ttl: 64, payload }));

const skip = tsharkMissing();

test('tshark decrypts the ESP we seal, for every suite, raw and in UDP 4500, to the inner packet', { skip }, () => {
  const reg = makeNhrp({
    type: NhrpType.RegistrationRequest,
    requestId: 77,
    srcNbma: SPOKE,
    srcProto: '10.0.0.2',
    dstProto: '10.0.0.1',
  });
  const nhrp = encodeNhrp(reg);
  const gre = greOf(GreProto.Nhrp, nhrp);
  const ping = ipv4('10.2.2.2', '10.1.1.1', 1, Uint8Array.from([0, 0, 0xff, 0xfd, 0, 1, 0, 1]));
  const sealedPing = new EspOutbound(GCM128_SA).seal(ping, 4);
  const natT = encodeUdp({ srcPort: 4500, dstPort: 4500, payload: sealedPing }, SPOKE, HUB);
  const packets = [
    ipv4(HUB, SPOKE, 50, GCM_ESP),
    ipv4(HUB, SPOKE, 50, CBC_ESP),
    ipv4(SPOKE, HUB, 50, new EspOutbound(SHA1_SA).seal(gre, 47)),
    ipv4(SPOKE, HUB, 17, natT),
  ];
  const sas: [EspSa, string, string][] = [
    [GCM_SA, HUB, SPOKE],
    [CBC_SA, HUB, SPOKE],
    [SHA1_SA, SPOKE, HUB],
    [GCM128_SA, SPOKE, HUB],
  ];
  const args = ['-o', 'esp.enable_encryption_decode:TRUE', '-o', 'esp.enable_authentication_check:TRUE'];
  for (const [sa, src, dst] of sas) args.push('-o', `uat:esp_sa:${espSaUatLine(sa, src, dst)}`);
  const frames = dissect(packets, args);
  assert.equal(frames.length, 4);

  const want = [
    { spi: GCM_SA.spi, inner: ['10.1.1.1', '10.2.2.2', '1'], icv: false },
    { spi: CBC_SA.spi, inner: ['10.1.1.1', '10.2.2.2', '1'], icv: true },
    { spi: SHA1_SA.spi, inner: null, icv: true },
    { spi: GCM128_SA.spi, inner: ['10.2.2.2', '10.1.1.1', '1'], icv: false },
  ];
  frames.forEach((layers, i) => {
    const w = want[i];
    const where = `frame ${i + 1} (${packets.length} sealed)`;
    assert.deepEqual(wsItems(layers), [], `${where}: no malformed or expert items`);
    const esp = layers.esp as Json;
    assert.equal(esp['esp.spi'], `0x${w.spi.toString(16).padStart(8, '0')}`, `${where}: SPI`);
    if (w.icv) assert.equal(findKey(esp, 'esp.icv_good'), '1', `${where}: tshark verified the HMAC ICV`);
    const ips = Array.isArray(layers.ip) ? (layers.ip as Json[]) : [layers.ip as Json];
    if (w.inner) {
      assert.equal(ips.length, 2, `${where}: an inner IPv4 packet`);
      assert.deepEqual([ips[1]['ip.src'], ips[1]['ip.dst'], ips[1]['ip.proto']], w.inner, `${where}: inner header`);
      assert.ok(layers.icmp, `${where}: ICMP inside`);
    } else {
      const n = layers.nhrp as Json;
      assert.ok(n, `${where}: NHRP inside GRE inside ESP (transport mode)`);
      assert.equal(findKey(n, 'nhrp.reqid'), '0x0000004d');
      assert.equal(findKey(n, 'nhrp.src.nbma.addr'), SPOKE);
    }
  });
  assert.ok(frames[3].udp, 'the last one rode UDP 4500');
});
