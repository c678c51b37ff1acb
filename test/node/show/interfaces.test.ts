import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeNbmaNetwork, FakeTap } from '../../../src/node/dataplane/fakes.js';
import { tunnelMac } from '../../../src/node/dataplane/mac.js';
import { TunnelDataplane } from '../../../src/node/dataplane/tunnel.js';
import { encodeIpv4, makeIpv4 } from '../../../src/wire/ipv4.js';
import { renderShow, runShow, type ShowState } from '../../../src/node/show/index.js';
import type { InterfacesJson } from '../../../src/node/show/interfaces.js';
import type { InterfaceBriefJson } from '../../../src/node/show/brief.js';
import type { VersionJson } from '../../../src/node/show/version.js';
import { ios } from '../../helpers/show-engines.js';
import { SPOKE1_CFG } from '../../helpers/show-scenarios.js';

const KEY = 1000;

/** A packet of `total` bytes from 2.2.2.2 to 3.3.3.3. */
const packet = (total: number) =>
  encodeIpv4(makeIpv4({ src: '2.2.2.2', dst: '3.3.3.3', protocol: 17, ttl: 64, payload: new Uint8Array(total - 20) }));

function frame(dst: Uint8Array, src: Uint8Array, payload: Uint8Array): Uint8Array {
  const f = new Uint8Array(14 + payload.length);
  f.set(dst, 0);
  f.set(src, 6);
  f[12] = 0x08;
  f.set(payload, 14);
  return f;
}

function gre(proto: number, key: number, payload: Uint8Array): Uint8Array {
  const g = new Uint8Array(8 + payload.length);
  g.set([0x20, 0x00, proto >> 8, proto & 0xff, key >>> 24, (key >>> 16) & 255, (key >>> 8) & 255, key & 255]);
  g.set(payload, 8);
  return g;
}

/** spoke1's Tunnel0 data plane on fakes, after some traffic: 2 out, 1 in, one of each kind of drop. */
function trafficked() {
  const clock = { now: 1_000_000 };
  const tap = new FakeTap();
  const socket = new FakeNbmaNetwork().socket('192.168.123.2');
  const dp = new TunnelDataplane({
    config: { name: 'Tunnel0', address: '172.16.123.2', prefixLength: 24, key: KEY },
    tap,
    socket,
    clock: () => clock.now,
    hooks: {
      nbmaFor: (a) => (a === '172.16.123.3' ? '192.168.123.3' : undefined),
      nhsNbma: () => '192.168.123.1',
      multicastTargets: () => [],
      nhrpPacket: () => undefined,
    },
  });
  dp.start();
  const to3 = tunnelMac(((172 << 24) >>> 0) + (16 << 16) + (123 << 8) + 3);
  tap.inject(frame(to3, tap.mac, packet(100)));
  tap.inject(frame(to3, tap.mac, packet(60)));
  tap.inject(frame(Uint8Array.of(0x00, 0x11, 0x22, 0x33, 0x44, 0x55), tap.mac, packet(60)));
  clock.now += 4000;
  socket.receive('192.168.123.3', gre(0x0800, KEY, packet(84)));
  socket.receive('192.168.123.3', gre(0x0800, KEY + 1, packet(84)));
  socket.receive('192.168.123.3', gre(0x1234, KEY, packet(84)));
  dp.sendNhrp('192.168.123.1', new Uint8Array(40));
  clock.now += 2000;
  return { stats: dp.stats(), now: clock.now };
}

function state(): ShowState {
  const { stats, now } = trafficked();
  return {
    config: SPOKE1_CFG,
    interfaces: [{ config: SPOKE1_CFG.interfaces.Tunnel0, stats }],
    routes: [],
    now,
    uptimeSec: 93784,
  };
}

test('show interfaces Tunnel0: the IOS layout from config and data-plane counters', () => {
  const all = runShow('show interfaces Tunnel0', state()).trimEnd().split('\n');
  assert.deepEqual(all.slice(0, 16), [
    'Tunnel0 is up, line protocol is up',
    '  Hardware is Tunnel',
    '  Internet address is 172.16.123.2/24',
    '  MTU 17912 bytes, BW 100 Kbit/sec, DLY 50000 usec,',
    '     reliability 255/255, txload 1/255, rxload 1/255',
    '  Encapsulation TUNNEL, loopback not set',
    '  Keepalive not set',
    '  Tunnel linestate evaluation up',
    '  Tunnel source 192.168.123.2 (GigabitEthernet0/1)',
    '  Tunnel protocol/transport multi-GRE/IP',
    '    Key 0x3E8, sequencing disabled',
    '    Checksumming of packets disabled',
    '  Tunnel TTL 255, Fast tunneling enabled',
    '  Tunnel transport MTU 1472 bytes',
    '  Tunnel transmit bandwidth 8000 (kbps)',
    '  Tunnel receive bandwidth 8000 (kbps)',
  ]);
  assert.ok(
    all.includes('  Last input 00:00:02, output 00:00:02, output hang never'),
    'last packet in 2 s ago (the NHRP one out too)',
  );
  assert.ok(all.includes('  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 1'));
  assert.ok(all.includes('     1 packets input, 84 bytes, 0 no buffer'));
  assert.ok(all.includes('     1 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort'));
  assert.ok(all.includes('     2 packets output, 160 bytes, 0 underruns'));
  assert.ok(all.includes('     1 unknown protocol drops'));
  assert.ok(all.includes('     0 NHRP packets input, 1 NHRP packets output'));
  assert.equal(all.at(-1), '     Dropped: 1 Unknown MAC, 1 GRE Key Mismatch, 1 GRE Unknown Protocol');
});

test('show interfaces JSON: counters, drops by reason, tunnel settings', () => {
  const r = renderShow('sh int tu0 json', state());
  assert.ok('json' in r);
  const i = (r.json as InterfacesJson).interfaces;
  assert.equal(i.length, 1);
  const t = i[0];
  assert.deepEqual(
    [t.name, t.linuxName, t.status, t.lineProtocol, t.address, t.mtu],
    ['Tunnel0', 'tun0', 'up', 'up', '172.16.123.2/24', 17912],
  );
  assert.deepEqual(t.tunnel, {
    source: '192.168.123.2',
    sourceInterface: 'GigabitEthernet0/1',
    destination: null,
    transport: 'multi-GRE/IP',
    key: 1000,
    transportMtu: 1472,
    protection: null,
  });
  const c = t.counters!;
  assert.deepEqual(
    [c.packetsIn, c.bytesIn, c.packetsOut, c.bytesOut, c.nhrpOut, c.inputErrors, c.outputDrops, c.unknownProtocolDrops],
    [1, 84, 2, 160, 1, 1, 1, 1],
  );
  assert.deepEqual([c.drops.unknownMac, c.drops.greKeyMismatch, c.lastInputSecAgo, c.lastOutputSecAgo], [1, 1, 2, 2]);
});

test('show interfaces without a name lists every interface; non-tunnels in short form', () => {
  const text = runShow('show interfaces', state());
  const heads = text.split('\n').filter((l) => / is .*, line protocol is /.test(l));
  assert.deepEqual(heads, [
    'Loopback0 is up, line protocol is up',
    'GigabitEthernet0/1 is up, line protocol is up',
    'Tunnel0 is up, line protocol is up',
  ]);
  assert.ok(text.includes('  Counters of this interface are kept by the kernel (eth1)'));
});

test('show interfaces of an interface that does not exist: invalid input under its name', () => {
  const r = renderShow('show interfaces Tunnel5', state());
  assert.ok(!('text' in r) && !('json' in r));
  assert.equal(r.code, 'SHOW_INVALID_INPUT');
  assert.equal(
    r.output,
    "spoke1#show interfaces Tunnel5\n                       ^\n% Invalid input detected at '^' marker.\n",
  );
  assert.equal(
    runShow('show running-config interface Tunnel5', state()).split('\n')[1].indexOf('^'),
    'spoke1#show running-config interface '.length,
  );
});

test('status: shutdown is administratively down; a tunnel without source is up/down; the router may override', () => {
  const cfg = ios(`hostname r
interface GigabitEthernet0/0
 shutdown
interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
 tunnel mode gre multipoint
interface Tunnel1
 ip address 10.0.1.1 255.255.255.0
 tunnel source 192.0.2.1
 tunnel destination 192.0.2.9
`);
  const st: ShowState = { config: cfg, interfaces: [], routes: [], now: 0, uptimeSec: 0 };
  assert.equal(
    runShow('show ip interface brief', st),
    [
      'Interface                  IP-Address      OK? Method Status                Protocol',
      'GigabitEthernet0/0         unassigned      YES unset  administratively down down',
      'Tunnel0                    10.0.0.1        YES NVRAM  up                    down',
      'Tunnel1                    10.0.1.1        YES NVRAM  up                    up',
      '',
    ].join('\n'),
  );
  const t1 = runShow('show interfaces tunnel 1', st).split('\n');
  assert.ok(t1.includes('  Tunnel source 192.0.2.1, destination 192.0.2.9'));
  assert.ok(t1.includes('  Tunnel protocol/transport GRE/IP'));
  assert.ok(t1.includes('  MTU 17916 bytes, BW 100 Kbit/sec, DLY 50000 usec,'), 'no key: 17916');
  const down: ShowState = {
    ...st,
    interfaces: [{ config: cfg.interfaces.Tunnel1, link: { up: false, lineProtocolUp: false } }],
  };
  assert.equal(runShow('sh int tu1', down).split('\n')[0], 'Tunnel1 is down, line protocol is down');
  const b = (renderShow('show ip int brief json', st) as { json: InterfaceBriefJson }).json.interfaces;
  assert.deepEqual(b[0], {
    name: 'GigabitEthernet0/0',
    address: null,
    ok: true,
    method: 'unset',
    status: 'administratively down',
    protocol: 'down',
  });
});

test('show version: software, uptime in words, interface counts', () => {
  const st = state();
  const all = runShow('show version', st).split('\n');
  assert.ok(all[0].startsWith('dmvpnd ') && all[0].endsWith('Version 0.1.0'));
  assert.ok(all.includes('spoke1 uptime is 1 day, 2 hours, 3 minutes'));
  assert.ok(
    all.includes('1 Ethernet interface') && all.includes('1 Loopback interface') && all.includes('1 Tunnel interface'),
  );
  const j = (renderShow('show version json', { ...st, version: '9.9.9' }) as { json: VersionJson }).json;
  assert.deepEqual(j, {
    software: 'dmvpnd',
    version: '9.9.9',
    hostname: 'spoke1',
    uptimeSec: 93784,
    interfaces: { ethernet: 1, loopback: 1, tunnel: 1 },
  });
});

test('show running-config goes through the config renderer, with the IOS header; JSON is the config', () => {
  const text = runShow('sh run', state());
  const all = text.split('\n');
  assert.equal(all[0], 'Building configuration...');
  assert.match(all[2], /^Current configuration : (\d+) bytes$/);
  const body = all.slice(3).join('\n');
  assert.equal(Number(/: (\d+) bytes/.exec(all[2])![1]), Buffer.byteLength(body));
  assert.ok(body.includes('\ninterface Tunnel0\n ip address 172.16.123.2 255.255.255.0\n'));
  assert.ok(body.endsWith('end\n'));
  const one = runShow('show running-config interface Tunnel0', state());
  assert.ok(one.includes('\ninterface Tunnel0\n') && !one.includes('hostname') && one.endsWith('end\n'));
  const j = renderShow('show running-config json', state());
  assert.ok('json' in j);
  assert.deepEqual(j.json, SPOKE1_CFG);
  assert.equal(runShow('sh run | include ^hostname', state()), 'hostname spoke1\n');
});
