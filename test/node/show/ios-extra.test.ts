/** show ip nhrp brief | summary, show logging, show clock: IOS layouts and JSON forms. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RouterLog } from '../../../src/node/router/log.js';
import { renderShow, runShow, type ShowState } from '../../../src/node/show/index.js';
import type {
  ClockJson,
  LoggingJson,
  NhrpBriefJson,
  NhrpMulticastJson,
  NhrpSummaryJson,
} from '../../../src/node/show/index.js';
import { SPOKE1, SPOKE2, showState } from '../../helpers/show-engines.js';
import { HUB_CFG, natted, phase2, SPOKE1_CFG } from '../../helpers/show-scenarios.js';

function json<T>(command: string, state: ShowState): T {
  const r = renderShow(command, state);
  assert.ok('json' in r, `${command} gave JSON`);
  return r.json as T;
}

test('show ip nhrp brief: Target Via NBMA Mode Intfc Claimed, one line per entry', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const text = runShow('sh ip nhrp br', st).split('\n');
  assert.equal(text[0], '   Target             Via            NBMA           Mode   Intfc   Claimed');
  const row = text.find((l) => l.includes('172.16.123.1/32'));
  assert.equal(row, '   172.16.123.1/32    172.16.123.1   192.168.123.1  static Tu0     <   >');
  for (const word of ['Via', 'NBMA', 'Mode', 'Intfc', 'Claimed']) {
    const col = text[0].indexOf(word);
    assert.notEqual(row![col], ' ', `a value starts under ${word}`);
    assert.equal(row![col - 1], ' ', `a value starts under ${word}`);
  }
  assert.ok(
    text.some((l) => /^ +172\.16\.123\.99\/32 +- +UNKNOWN +(incomplete|negative) +Tu0/.test(l)),
    text.join('\n'),
  );
  const j = json<NhrpBriefJson>('show ip nhrp brief json', st);
  const hub = j.entries.find((e) => e.target === '172.16.123.1/32');
  assert.deepEqual(hub, {
    target: '172.16.123.1/32',
    via: '172.16.123.1',
    nbma: '192.168.123.1',
    mode: 'static',
    interface: 'Tu0',
    claimed: null,
  });
});

test('show ip nhrp brief shows the NBMA a NATed peer claimed', () => {
  const st = showState(HUB_CFG, natted(), 'hub');
  const j = json<NhrpBriefJson>('show ip nhrp brief | json', st);
  const natEntry = j.entries.find((e) => e.claimed !== null);
  assert.ok(natEntry, JSON.stringify(j));
  assert.ok(runShow('show ip nhrp brief', st).includes(`< ${natEntry.claimed} >`));
});

test('show ip nhrp summary: entries by type', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const j = json<NhrpSummaryJson>('show ip nhrp summary json', st);
  const cache = st.interfaces[0].snapshot!.cache;
  assert.equal(j.entries, cache.length);
  assert.equal(j.static, cache.filter((e) => e.type === 'static').length);
  assert.equal(j.dynamic, cache.filter((e) => e.type === 'dynamic').length);
  assert.equal(j.incomplete, cache.filter((e) => e.type === 'incomplete' || e.type === 'negative').length);
  assert.ok(j.static >= 1 && j.dynamic >= 1 && j.incomplete >= 1, JSON.stringify(j));
  assert.equal(j.interfaces[0].name, 'Tunnel0');
  assert.deepEqual(runShow('show ip nhrp summary', st).split('\n').slice(0, 2), [
    `IP NHRP cache ${j.entries} entries, ${j.bytes} bytes`,
    `    ${j.static} static  ${j.dynamic} dynamic  ${j.incomplete} incomplete`,
  ]);
});

test('show ip nhrp multicast: registered peers with map multicast dynamic, none without; a spoke its static map', () => {
  const hub = json<NhrpMulticastJson>('show ip nhrp multicast json', showState(HUB_CFG, phase2(), 'hub'));
  assert.deepEqual(
    hub.entries.map((e) => [e.interface, e.nbma, e.flags]).sort(),
    [
      ['Tunnel0', SPOKE1.nbma, 'dynamic'],
      ['Tunnel0', SPOKE2.nbma, 'dynamic'],
    ].sort(),
  );
  const text = runShow('show ip nhrp multicast', showState(HUB_CFG, phase2(), 'hub')).split('\n');
  assert.equal(text[0], '  I/F     NBMA address');
  assert.ok(text.includes(`Tunnel0    ${SPOKE1.nbma.padEnd(16)} Flags: dynamic          (Enabled)`), text.join('\n'));

  const noDynamic = structuredClone(HUB_CFG);
  noDynamic.interfaces.Tunnel0!.nhrp!.multicastDynamic = false;
  assert.deepEqual(json<NhrpMulticastJson>('show ip nhrp multicast json', showState(noDynamic, phase2(), 'hub')), {
    entries: [],
  });

  const spoke = json<NhrpMulticastJson>('show ip nhrp multicast json', showState(SPOKE1_CFG, phase2(), 'spoke1'));
  assert.deepEqual(spoke.entries, [{ interface: 'Tunnel0', nbma: '192.168.123.1', flags: 'static' }]);
});

test('show logging: IOS header, Log Buffer (N bytes), the lines with IOS timestamps', () => {
  let t = Date.UTC(2026, 2, 1, 0, 0, 5, 123);
  const out: string[] = [];
  const log = new RouterLog((s) => out.push(s), false, { now: () => t, bufferBytes: 200 });
  log.info('%DMVPN-5-NHRP_NHS_UP: Tunnel0: Next Hop Server : (Tunnel: 172.16.0.1 NBMA: 192.0.2.1) is UP');
  log.debug('NHRP: not buffered');
  t += 1000;
  log.info('%SYS-5-CONFIG_I: hostname spoke1');
  assert.equal(
    out[0],
    '*Mar  1 00:00:05.123: %DMVPN-5-NHRP_NHS_UP: Tunnel0: Next Hop Server : (Tunnel: 172.16.0.1 NBMA: 192.0.2.1) is UP\n',
  );
  const st: ShowState = { ...showState(SPOKE1_CFG, phase2(), 'spoke1'), log: log.buffer() };
  const text = runShow('show logging', st).split('\n');
  assert.ok(text[0].startsWith('Syslog logging: enabled ('), text[0]);
  const at = text.indexOf('Log Buffer (200 bytes):');
  assert.ok(at > 0, text.join('\n'));
  assert.deepEqual(text.slice(at + 2, at + 4), [
    '*Mar  1 00:00:05.123: %DMVPN-5-NHRP_NHS_UP: Tunnel0: Next Hop Server : (Tunnel: 172.16.0.1 NBMA: 192.0.2.1) is UP',
    '*Mar  1 00:00:06.123: %SYS-5-CONFIG_I: hostname spoke1',
  ]);
  // The buffer is a ring bounded in bytes: the oldest line goes first.
  log.info('%SYS-5-CONFIG_I: a third line that does not fit with the first one');
  const j = json<LoggingJson>('show logging json', { ...st, log: log.buffer() });
  assert.equal(j.messagesLogged, 3);
  assert.equal(j.overwritten, 1);
  assert.equal(j.lines.length, 2);
  assert.ok(j.lines[0].endsWith('hostname spoke1'));
  assert.ok(j.lines.join('\n').length + j.lines.length <= 200);
});

test('show clock: *HH:MM:SS.mmm UTC Day Mon D YYYY', () => {
  const st: ShowState = {
    ...showState(SPOKE1_CFG, phase2(), 'spoke1'),
    wallClockMs: Date.UTC(2026, 11, 1, 22, 10, 42, 123),
  };
  assert.equal(runShow('sh clock', st), '*22:10:42.123 UTC Tue Dec 1 2026\n');
  const j = json<ClockJson>('show clock json', st);
  assert.deepEqual(j, {
    time: '2026-12-01T22:10:42.123Z',
    timezone: 'UTC',
    authoritative: false,
    text: '*22:10:42.123 UTC Tue Dec 1 2026',
  });
});
