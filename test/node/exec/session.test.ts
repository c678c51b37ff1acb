import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeSession, FakeRouter } from '../../helpers/exec-session.js';

test('modes and prompts: enable, configure terminal, sub-modes, exit, end, Ctrl-Z, live hostname', async () => {
  const router = new FakeRouter();
  router.enableSecret = 'cisco';
  const t = fakeSession({ privilege: 1, router });
  assert.match(t.take(), /R>$/);
  await t.type('en\r');
  assert.match(t.take(), /Password: $/);
  await t.type('nope\r');
  assert.match(t.take(), /Password: $/);
  await t.type('cisco\r');
  const out = t.take();
  assert.doesNotMatch(out, /cisco/, 'the password is not echoed');
  assert.match(out, /R#$/);
  await t.type('conf t\r');
  assert.match(t.take(), /Enter configuration commands.*\nR\(config\)#$/s);
  await t.type('int tu0\r');
  assert.match(t.take(), /R\(config-if\)#$/);
  await t.type('ip nh network-id 7\r');
  assert.match(t.take(), /^ip nh network-id 7\nR\(config-if\)#$/);
  assert.equal(router.config.interfaces.Tunnel0?.nhrp?.networkId, 7);
  await t.type('hostname hub\r');
  assert.match(
    t.take(),
    /hub\(config\)#$/,
    'a global command in a sub-mode goes back to global mode; the prompt follows the hostname',
  );
  await t.type('crypto isakmp policy 10\r');
  assert.match(t.take(), /hub\(config-isakmp\)#$/);
  await t.type('exit\r');
  assert.match(t.take(), /hub\(config\)#$/);
  await t.type('line vty 0 4\r');
  assert.match(t.take(), /hub\(config-line\)#$/);
  await t.type('\x1a');
  assert.match(t.take(), /\^Z\nhub#$/);
  await t.type('disable\r');
  assert.match(t.take(), /hub>$/);
  await t.type('exit\r');
  assert.equal(t.closed, true);
});

test('enable on a vty with no enable secret: % No password set; on the console it is allowed', async () => {
  const vty = fakeSession({ privilege: 1 });
  await vty.type('enable\r');
  assert.match(vty.take(), /% No password set\nR>$/);
  const con = fakeSession({ privilege: 1, console: true });
  await con.type('enable\r');
  assert.match(con.take(), /R#$/);
});

test('? lists the next words with help, partial words, <cr>; Tab completes', async () => {
  const t = fakeSession();
  t.take();
  await t.type('show ip ?');
  const help = t.take();
  assert.match(help, /^\s+nhrp\s+NHRP cache$/m);
  assert.match(help, /^\s+route\s+the routing table/m);
  assert.match(help, /R#show ip $/, 'the line is given back after the help');
  await t.type('\x15sh ip nh?');
  assert.match(t.take(), /\nnhrp\s*\nR#sh ip nh$/);
  await t.type('\x15show dmvpn ?');
  assert.match(t.take(), /detail.*\n\s+<cr>/s);
  await t.type('\x15sh ip nh\t');
  assert.equal(t.take().endsWith('rp '), true);
  await t.type('br\r');
  assert.deepEqual(t.router.shows, ['sh ip nhrp br']);
  await t.type('?');
  const top = t.take();
  for (const w of ['configure', 'ping', 'show', 'terminal', 'write', 'traceroute'])
    assert.match(top, new RegExp(`^  ${w} `, 'm'));
  await t.type('conf t\r');
  t.take();
  await t.type('?');
  assert.match(t.take(), /^\s+interface\s+Select an interface/m);
  await t.type('int tu0\rip nhrp ?');
  assert.match(t.take(), /^\s+nhs\s+Specify a next hop server/m);
});

test('errors: ambiguous, incomplete, invalid input with the caret under the bad word', async () => {
  const t = fakeSession();
  t.take();
  await t.type('e\r');
  assert.match(t.take(), /% Ambiguous command: {2}"e"/);
  await t.type('clear ip\r');
  assert.match(t.take(), /% Incomplete command\./);
  await t.type('clear ipx\r');
  assert.match(
    t.take(),
    /^clear ipx\n {10}\^\n% Invalid input detected at '\^' marker\./,
    'caret under the x of "ipx"',
  );
  await t.type('conf t\r');
  t.take();
  await t.type('ip route 10.0.0.0 255.0.0.300 192.0.2.1\r');
  const out = t.take();
  const caret = out.split('\n')[1]!;
  assert.equal(caret.indexOf('^'), 'R(config)#ip route 10.0.0.0 '.length, out);
  assert.match(out, /% Invalid input detected/);
});

test('pipes: include, exclude, begin, section, count', async () => {
  const t = fakeSession();
  t.router.showText = () => 'interface Tunnel0\n ip nhrp nhs 10.0.0.1\ninterface Loopback0\n ip address 1.1.1.1\nend\n';
  t.take();
  await t.type('show run | inc nhrp\r');
  assert.match(t.take(), /^show run \| inc nhrp\n ip nhrp nhs 10.0.0.1\nR#$/);
  await t.type('show run | section Loopback\r');
  assert.match(t.take(), /\ninterface Loopback0\n ip address 1.1.1.1\nR#$/);
  await t.type('show run | count interface\r');
  assert.match(t.take(), /Number of lines which match regexp = 2/);
  await t.type('show run | exclude ^\\s\r');
  assert.match(t.take(), /\ninterface Tunnel0\ninterface Loopback0\nend\nR#$/);
  await t.type('show run | beg Loop\r');
  assert.match(t.take(), /Loop\ninterface Loopback0/);
  await t.type('show run | bogus x\r');
  assert.match(t.take(), /Invalid input/);
});

test('terminal length and --More--: space for a page, Enter for a line, q stops', async () => {
  const t = fakeSession();
  t.router.showText = () => `${Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n')}\n`;
  t.take();
  await t.type('terminal length 5\r');
  t.take();
  await t.type('show x\r');
  let out = t.take();
  assert.match(out, /line 4\n --More-- $/);
  assert.doesNotMatch(out, /line 5/);
  await t.type(' ');
  out = t.take();
  assert.match(out, /line 8\n --More-- $/);
  await t.type('\r');
  assert.match(t.take(), /line 9\n --More-- $/);
  await t.type('q');
  assert.match(t.take(), /R#$/);
  await t.type('terminal length 0\rshow x\r');
  out = t.take();
  assert.match(out, /line 20\nR#$/);
  assert.doesNotMatch(out, /More/);
});

test('history and line editing: arrows, Ctrl-A/E/U/W, show history', async () => {
  const t = fakeSession();
  await t.type('show a\rshow b\r');
  await t.type('\x1b[A\x1b[A\r');
  assert.deepEqual(t.router.shows, ['show a', 'show b', 'show a']);
  await t.type('how c\x01s\x05 d\r');
  assert.equal(t.router.shows.at(-1), 'show c d');
  await t.type('garbage here\x15show e\r');
  assert.equal(t.router.shows.at(-1), 'show e');
  await t.type('show f gone\x17\x7f\r');
  assert.equal(t.router.shows.at(-1), 'show f');
  await t.type('\x1b[A\x1b[D\x1b[3~x\r');
  assert.equal(t.router.shows.at(-1), 'show x');
  t.take();
  await t.type('show history\r');
  assert.match(t.take(), / {2}show a\n {2}show b\n.* {2}show history\n/s);
});

test('ping runs until done or Ctrl-C; keys typed meanwhile wait; do runs exec commands in config mode', async () => {
  const t = fakeSession();
  t.take();
  await t.type('ping 10.0.0.2 repeat 3\r');
  assert.equal(t.router.pings[0]?.opts.repeat, 3);
  await t.type('show z\r');
  assert.deepEqual(t.router.shows, [], 'waits for ping');
  await t.type('\x03');
  assert.equal(t.router.pings[0]?.aborted, true);
  assert.deepEqual(t.router.shows, ['show z']);
  await t.type('conf t\rdo show w\r');
  assert.equal(t.router.shows.at(-1), 'show w');
  assert.match(t.take(), /R\(config\)#$/);
});

test('write memory, terminal monitor with debug lines, garbage on the channel', async () => {
  const t = fakeSession();
  await t.type('wr\r');
  assert.match(t.take(), /\[OK\]/);
  assert.equal(t.router.saved, 'hostname R\n');
  assert.equal(t.router.subscribers, 0, 'no log subscription without terminal monitor');
  await t.type('debug nhrp\rterminal monitor\r');
  assert.equal(t.router.subscribers, 1);
  t.take();
  t.router.log('*Dec  1 00:00:00.000: NHRP: Receive Registration Request');
  t.router.log('*Dec  1 00:00:00.000: EIGRP: Sending HELLO');
  const out = t.take();
  assert.match(out, /NHRP: Receive Registration Request/);
  assert.doesNotMatch(out, /EIGRP/);
  await t.type('undebug all\rterminal no monitor\r');
  assert.equal(t.router.subscribers, 0);
  const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  await t.type(bytes);
  await t.type('\x15\x03show ok\r');
  assert.equal(t.router.shows.at(-1), 'show ok');
  t.session.resize(1, 1);
  t.session.resize(1000, 1000);
});
