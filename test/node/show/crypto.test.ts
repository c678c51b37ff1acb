/**
 * show crypto socket / map / session detail from a protected tunnel's state: one socket and one profile instance per
 * peer, the transform set of the profile, the tunnel source as the map's idb, counters in the session detail; IPv6
 * peers in the IOS forms.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../../src/node/config/parse.js';
import { cryptoMapJson, cryptoMapText, cryptoSocketJson, cryptoSocketText } from '../../../src/node/show/crypto-map.js';
import { renderIkev2Sa } from '../../../src/ike/snapshot.js';
import { cryptoSessionJson, cryptoSessionText, ipsecSaJson, ipsecSaText } from '../../../src/node/show/crypto.js';
import type { InterfaceState } from '../../../src/node/show/state.js';

const config = parseConfig(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'labs', 'phase3-ipsec', 'spoke1.cfg'), 'utf8'),
).config;
const sa = (current: boolean) => ({
  spiIn: '0x0000A001',
  spiOut: '0x0000B001',
  transform: 'esp-gcm 256',
  mode: 'transport' as const,
  encaps: 5,
  decaps: 4,
  udpEncap: false,
  lifetimeSec: 3600,
  activeSec: 10,
  current,
});
const peer = (address: string, up: boolean) => ({
  peer: address,
  encaps: 7,
  encrypt: 7,
  decaps: 6,
  decrypt: 6,
  verify: 6,
  noSa: 1,
  decryptFailed: 2,
  replayed: 1,
  sendErrors: 0,
  sas: up ? [sa(true)] : [],
});
const ike = {
  sas: [
    {
      tunnelId: 1,
      local: '198.51.100.1/500',
      remote: '192.0.2.1/500',
      fvrf: 'none',
      ivrf: 'none',
      status: 'READY' as const,
      role: 'initiator' as const,
      localSpi: '01',
      remoteSpi: '02',
      authSign: 'PSK' as const,
      authVerify: 'PSK' as const,
      lifetime: 86400,
      activeTime: 75,
      nat: { local: false, remote: false },
      remoteId: '192.0.2.1',
      children: [],
    },
  ],
  counters: {},
};
const tunnel: InterfaceState = {
  config: config.interfaces.Tunnel0!,
  crypto: {
    profile: 'P3-PROT',
    local: '198.51.100.1',
    ike,
    peers: [peer('192.0.2.1', true), peer('203.0.113.1', false)],
  },
};
const plain: InterfaceState = { config: config.interfaces['GigabitEthernet0/1']! };

test('show crypto socket: one socket per peer, Open once its ESP SA is in; the listening socket', () => {
  const j = cryptoSocketJson([plain, tunnel]);
  assert.deepEqual(
    j.sockets.map((s) => [s.remote, s.state]),
    [
      ['192.0.2.1', 'Open'],
      ['203.0.113.1', 'Opening'],
    ],
  );
  assert.deepEqual(j.listening, [{ interface: 'Tunnel0', profile: 'P3-PROT', mapName: 'Tunnel0-head-0' }]);
  const t = cryptoSocketText(j).join('\n');
  assert.match(t, /Number of Crypto Socket connections 2/);
  assert.match(t, /Tu0 Peers \(local\/remote\): 198\.51\.100\.1\/192\.0\.2\.1/);
  assert.match(t, /Client: "TUNNEL SEC" Profile: "P3-PROT" Map-name: "Tunnel0-head-0"/);
});

test('show crypto map: Tunnel0-head-0 on the tunnel source, the transform set, a profile instance per peer', () => {
  const j = cryptoMapJson(config, [plain, tunnel]);
  assert.equal(j.maps.length, 1);
  const m = j.maps[0]!;
  assert.deepEqual([m.idb, m.ikev2Profile, m.pfs, m.lifetimeSec], ['GigabitEthernet0/1', 'P3-IKE', null, 3600]);
  assert.deepEqual(m.transformSets, [{ name: 'P3-TS', transforms: ['esp-gcm', '256'], mode: 'transport' }]);
  assert.deepEqual(
    m.peers.map((p) => [p.seq, p.peer]),
    [
      [65537, '192.0.2.1'],
      [65538, '203.0.113.1'],
    ],
  );
  const t = cryptoMapText(j).join('\n');
  assert.match(t, /Crypto Map: "Tunnel0-head-0" idb: GigabitEthernet0\/1 local address: 198\.51\.100\.1/);
  assert.match(t, /P3-TS: {2}\{ esp-gcm 256 \} ,/);
  assert.match(t, /access-list {2}permit gre host 198\.51\.100\.1 host 203\.0\.113\.1/);
});

test('show crypto session detail: IKE SA line and the packet counters with drops', () => {
  const j = cryptoSessionJson([tunnel]);
  const s = j.sessions.find((x) => x.peer === '192.0.2.1')!;
  assert.deepEqual([s.status, s.encaps, s.decaps, s.recvErrors, s.sendErrors], ['UP-ACTIVE', 7, 6, 3, 1]);
  const t = cryptoSessionText(j, true).join('\n');
  assert.match(t, /IKEv2 SA: local 198\.51\.100\.1\/500 remote 192\.0\.2\.1\/500 Active/);
  assert.match(t, /Inbound: {2}#pkts dec'ed 6 drop 3/);
  assert.match(t, /Outbound: #pkts enc'ed 7 drop 1/);
  assert.doesNotMatch(cryptoSessionText(j).join('\n'), /#pkts/);
});

test('IPv6 peers (IPsec over an IPv6 NBMA): the IPv6 IKEv2 block, prefixlen idents, upper case as IOS; JSON lower case', () => {
  const A6 = '2001:db8:0:2::1';
  const B6 = '2001:db8:0:1::1';
  const sa6 = { ...ike.sas[0]!, local: `${A6}/500`, remote: `${B6}/500`, remoteId: B6 };
  const ikeText = renderIkev2Sa({ sas: [ike.sas[0]!, { ...sa6, tunnelId: 2 }], counters: {} });
  assert.match(ikeText, /^1 {9}198\.51\.100\.1\/500 +192\.0\.2\.1\/500 +none\/none +READY$/m, 'IPv4 SAs as before');
  assert.match(
    ikeText,
    / IPv6 Crypto IKEv2 {2}SA \n\nTunnel-id fvrf\/ivrf {12}Status \n2 {9}none\/none {12}READY\nLocal 2001:DB8:0:2::1\/500\nRemote 2001:DB8:0:1::1\/500\n {6}Life\/Active Time: 86400\/75 sec\n/,
  );
  const t6: InterfaceState = {
    config: config.interfaces.Tunnel0!,
    crypto: { profile: 'P3-PROT', local: A6, ike: { sas: [sa6], counters: {} }, peers: [peer(B6, true)] },
  };
  const esp = ipsecSaText(ipsecSaJson([t6])).join('\n');
  assert.match(esp, /local addr 2001:DB8:0:2::1$/m);
  assert.match(esp, /local {2}ident \(addr\/prefixlen\/prot\/port\): \(2001:DB8:0:2::1\/128\/47\/0\)/);
  assert.match(esp, /remote ident \(addr\/prefixlen\/prot\/port\): \(2001:DB8:0:1::1\/128\/47\/0\)/);
  assert.match(esp, /current_peer 2001:DB8:0:1::1 port 500/);
  assert.match(esp, /local crypto endpt\.: 2001:DB8:0:2::1, remote crypto endpt\.: 2001:DB8:0:1::1/);
  const j = cryptoSessionJson([t6]);
  assert.equal(j.sessions[0]!.peer, B6, 'JSON: canonical lower case');
  const text = cryptoSessionText(j, true).join('\n');
  assert.match(text, /Peer: 2001:DB8:0:1::1 port 500/);
  assert.match(text, /IKEv2 SA: local 2001:DB8:0:2::1\/500 remote 2001:DB8:0:1::1\/500 Active/);
  assert.match(text, /IPSEC FLOW: permit 47 host 2001:DB8:0:1::1/);
  const sock = cryptoSocketText(cryptoSocketJson([t6])).join('\n');
  assert.match(sock, /Peers \(local\/remote\): 2001:DB8:0:2::1\/2001:DB8:0:1::1/);
  assert.match(sock, /Remote Ident \(addr\/prefixlen\/port\/prot\): \(2001:DB8:0:1::1\/128\/0\/47\)/);
  const map = cryptoMapText(cryptoMapJson(config, [t6])).join('\n');
  assert.match(map, /Crypto Map IPv6 "Tunnel0-head-0" 65537 ipsec-isakmp/);
  assert.match(map, /permit 47 host 2001:DB8:0:2::1 host 2001:DB8:0:1::1/);
});
