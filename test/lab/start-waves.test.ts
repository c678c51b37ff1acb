/** The order a lab starts its routers in: NHSs before the routers that register with them. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { routerFacts } from '../../src/lab/checks/config-facts.js';
import { startWaves as wavesOf } from '../../src/lab/router.js';
import { readStartupConfigs } from '../../src/lab/startup-configs.js';

const LABS = join(import.meta.dirname, '..', '..', 'labs');
const TMP = mkdtempSync(join(tmpdir(), 'start-waves-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

/** The waves of routers given by config file, read as the lab reads them (dmvpnd --check-config). */
function startWaves(routers: Array<{ name: string; file: string }>): string[][] {
  const reports = readStartupConfigs(routers.map((r) => r.file));
  return wavesOf(routers.map((r, i) => ({ name: r.name, facts: routerFacts(reports[i]!.config) })));
}

const cfg = (lab: string, node: string) => ({ name: node, file: join(LABS, lab, `${node}.cfg`) });

test('shipped labs: the hubs start first, then the spokes', () => {
  assert.deepEqual(startWaves(['spoke1', 'hub', 'spoke2'].map((n) => cfg('nat', n))), [['hub'], ['spoke1', 'spoke2']]);
  assert.deepEqual(startWaves(['hub1', 'hub2', 'spoke1', 'spoke2', 'spoke3'].map((n) => cfg('dual-hub', n))), [
    ['hub1', 'hub2'],
    ['spoke1', 'spoke2', 'spoke3'],
  ]);
});

const router = (name: string, tunnel: string, nbma: string, nhs?: { tunnel: string; nbma?: string }) => {
  const file = join(TMP, `${name}-${tunnel}-${nhs?.tunnel ?? ''}.cfg`);
  writeFileSync(
    file,
    [
      `hostname ${name}`,
      'interface GigabitEthernet0/1',
      ` ip address ${nbma} 255.255.255.0`,
      'interface Tunnel0',
      ` ip address ${tunnel} 255.255.255.0`,
      ...(nhs ? [` ip nhrp nhs ${nhs.tunnel}${nhs.nbma ? ` nbma ${nhs.nbma}` : ''}`] : []),
      ' tunnel source GigabitEthernet0/1',
    ].join('\n'),
  );
  return { name, file };
};

test('hierarchy: a regional hub waits for its central hub, its spokes for it; an NHS met by NBMA address counts too', () => {
  const waves = startWaves([
    router('spoke', '10.0.1.2', '192.0.2.3', { tunnel: '10.0.1.1' }),
    router('region', '10.0.1.1', '192.0.2.2', { tunnel: '10.0.0.99', nbma: '192.0.2.1' }),
    router('core', '10.0.0.1', '192.0.2.1'),
  ]);
  assert.deepEqual(waves, [['core'], ['region'], ['spoke']]);
});

test('an NHS outside the lab, or routers that name each other, do not hold a start back', () => {
  assert.deepEqual(startWaves([router('a', '10.0.0.2', '192.0.2.2', { tunnel: '10.0.0.99', nbma: '203.0.113.9' })]), [
    ['a'],
  ]);
  assert.deepEqual(
    startWaves([
      router('a', '10.0.0.1', '192.0.2.1', { tunnel: '10.0.0.2' }),
      router('b', '10.0.0.2', '192.0.2.2', { tunnel: '10.0.0.1' }),
    ]),
    [['a', 'b']],
  );
});
