import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { RunningConfigJson } from '../../../src/node/api/index.js';
import { configChanges, modifiedMessage, startingConfigs, topologyChanges } from '../../../src/lab/exercise/audit.js';
import { exercisesRoot, findExercise } from '../../../src/lab/exercise/catalog.js';
import { diffConfigs, sectionsOf } from '../../../src/lab/exercise/config-sections.js';
import { ExerciseError } from '../../../src/lab/exercise/errors.js';
import { loadExercise } from '../../../src/lab/exercise/load.js';
import { refusalJson } from '../../../src/lab/exercise/report.js';
import { canonicalInterface, headAllows, inScope, scopeFromSolution } from '../../../src/lab/exercise/scope.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';

after(removeTemps);

const clone = <T>(x: T): T => structuredClone(x);

describe('exercise scope', () => {
  it('is read from the solution: the sections its lines enter or write', () => {
    assert.deepEqual(findExercise('p1-build-spoke').scope, { spoke2: ['interface Tunnel0', 'ip route'] });
    assert.deepEqual(findExercise('p1-to-p3').scope, {
      hub: ['interface Tunnel0'],
      spoke1: ['interface Tunnel0'],
      spoke2: ['interface Tunnel0'],
    });
    assert.deepEqual(
      scopeFromSolution({
        hub: [
          'router eigrp 100',
          'no auto-summary',
          'exit',
          'no ip route 10.0.0.0 255.0.0.0 172.16.0.1',
          'crypto ikev2 keyring KR',
          'peer ANY',
          'pre-shared-key cisco',
          'exit',
          'crypto ikev2 profile P',
          'interface tu0',
          'no ip split-horizon eigrp 100',
        ],
        spoke1: ['exit'],
      }),
      { hub: ['router eigrp 100', 'ip route', 'crypto ikev2 keyring KR', 'crypto ikev2 profile P', 'interface tu0'] },
    );
  });

  it('a head allows the sections it begins, word by word, interface names abbreviated or not', () => {
    assert.equal(canonicalInterface('gi0/1'), 'GigabitEthernet0/1');
    assert.equal(canonicalInterface('Tu0'), 'Tunnel0');
    assert.ok(headAllows('interface tu0', 'interface Tunnel0'));
    assert.ok(!headAllows('interface Tunnel0', 'interface Tunnel1'));
    assert.ok(headAllows('router eigrp', 'router eigrp 100'));
    assert.ok(!headAllows('router eigrp 100', 'router eigrp 200'));
    assert.ok(headAllows('crypto', 'crypto ikev2 keyring KR'));
    assert.ok(!headAllows('ip route', 'ip prefix-list A'));
    assert.ok(headAllows('*', 'hostname'));
    assert.ok(inScope({ r1: ['ip route'] }, 'r1', 'ip route'));
    assert.ok(!inScope({ r1: ['ip route'] }, 'r2', 'ip route'));
  });

  it('a declared scope that names no router of the lab is reported at its line', () => {
    const dir = join(tempDir('dmvpn-lab-ex-'), 'ts-tunnel-key');
    cpSync(join(exercisesRoot(), 'ts-tunnel-key'), dir, { recursive: true });
    const f = join(dir, 'exercise.yml');
    writeFileSync(f, `${readFileSync(f, 'utf8')}scope:\n  spoke2: [interface Tunnel0]\n  host1: ['*']\n`);
    try {
      loadExercise(dir);
      assert.fail('loaded');
    } catch (e) {
      assert.ok(e instanceof ExerciseError && e.code === 'EXERCISE_INVALID');
      assert.match(e.message, /:\d+:3: scope\.host1: "host1" is no router/);
    }
    writeFileSync(f, `${readFileSync(f, 'utf8').replace(/ {2}host1: \['\*'\]\n/, '')}`);
    const ex = loadExercise(dir);
    assert.deepEqual([ex.scope, ex.scopeDeclared], [{ spoke2: ['interface Tunnel0'] }, true]);
  });
});

describe('configuration sections and their differences', { skip: !dmvpndAvailable() && 'dmvpnd not built' }, () => {
  const ex = findExercise('ts-tunnel-key');
  const start = startingConfigs(ex);

  it('cuts a configuration into IOS sections', () => {
    const s = sectionsOf(start.spoke2!);
    for (const name of ['hostname', 'interface GigabitEthernet0/1', 'interface Tunnel0', 'ip route'])
      assert.ok(s.has(name), `${name} in ${[...s.keys()].join(', ')}`);
    assert.deepEqual(diffConfigs(start.spoke2!, start.spoke2!), []);
  });

  it('a change inside the scope passes; outside it names router, section and field', () => {
    const running: Record<string, RunningConfigJson> = clone(start);
    running.spoke2!.interfaces.Tunnel0!.tunnel!.key = 100;
    assert.deepEqual(configChanges(ex, start, running), [], 'the fix itself is in scope');
    running.hub!.interfaces.Tunnel0!.tunnel!.key = 110;
    running.spoke1!.routes = running.spoke1!.routes.slice(1);
    running.spoke2!.eigrp = [
      {
        as: 100,
        networks: [{ address: '172.16.0.0', wildcard: '0.0.0.255' }],
        autoSummary: false,
        passiveDefault: false,
        passiveInterfaces: [],
        activeInterfaces: [],
        redistribute: {},
        shutdown: false,
        afInterfaces: {},
      },
    ];
    const mods = configChanges(ex, start, running);
    assert.deepEqual(
      mods.map((m) => `${m.node} ${m.what}`),
      [
        'hub interface Tunnel0 changed (tunnel.key 100 → 110)',
        'spoke1 ip route changed (- 0.0.0.0/0 198.51.100.254)',
        'spoke2 router eigrp 100 added',
      ],
    );
    const msg = modifiedMessage(ex, mods);
    assert.match(
      msg,
      /^modified beyond the task: hub interface Tunnel0 changed; spoke1 ip route changed; spoke2 router eigrp 100 added$/m,
    );
    assert.match(msg, /the task allows changes to spoke2: interface Tunnel0;/);
    const json = JSON.parse(
      refusalJson(ex.id, new ExerciseError('EXERCISE_MODIFIED', msg, { modifications: mods })),
    ) as Record<string, unknown>;
    assert.deepEqual(
      [json.status, json.code, (json.modifications as unknown[]).length],
      ['modified', 'EXERCISE_MODIFIED', 3],
    );
    assert.equal(new ExerciseError('EXERCISE_MODIFIED', msg).exitCode, 3);
    assert.equal(new ExerciseError('EXERCISE_LAB_DOWN', msg).exitCode, 2);
  });
});

describe('topology changes', () => {
  const ex = findExercise('ts-tunnel-key');
  const state = {
    nodes: ex.topology.nodes.map((n) => ({ name: n.name, kind: n.kind as string, namespace: '', interfaces: [] })),
    links: ex.topology.links.map((l) => ({ a: `${l.a.node}:${l.a.iface}`, b: `${l.b.node}:${l.b.iface}` })),
  };

  it('the lab as handed out has none', () => {
    assert.deepEqual(topologyChanges(ex, state), []);
  });

  it('a node or link added or removed is named', () => {
    const s = clone(state);
    s.nodes = s.nodes.filter((n) => n.name !== 'host2');
    s.nodes.push({ name: 'spoke3', kind: 'dmvpn', namespace: '', interfaces: [] });
    s.links = s.links.filter((l) => !l.a.startsWith('spoke2:GigabitEthernet0/2'));
    s.links.push({ a: 'spoke3:GigabitEthernet0/1', b: 'inet:eth4' });
    assert.deepEqual(
      topologyChanges(ex, s).map((m) => `${m.node} ${m.what}`),
      [
        'spoke3 node added (dmvpn)',
        'host2 node removed',
        'inet link added: inet:eth4 — spoke3:GigabitEthernet0/1',
        'host2 link removed: host2:eth1 — spoke2:GigabitEthernet0/2',
      ],
    );
  });
});
