import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TopologyError } from '../../../src/lab/errors.js';
import { iosToLinux } from '../../../src/lab/topology/ifnames.js';
import { topologyJsonSchema } from '../../../src/lab/topology/json-schema.js';
import { loadTopology, parseTopology } from '../../../src/lab/topology/load.js';
import { removeTemps, tempLab } from '../../helpers/lab.js';

after(removeTemps);

const BROKEN = `name: broken
topology:
  nodes:
    hub:
      kind: dmvpn
      startup-config: nowhere.cfg
    inet:
      kind: internet
      interfaces:
        eth1: 192.0.2.254/24
        eth2: 300.1.1.1/24
    host1:
      kind: hots
    host2:
      kind: host
      interfaces: { eth1: 10.1.0.10/24 }
      gateway: 10.9.9.9
    host3:
      kind: host
      gatway: 10.1.0.1
  links:
    - endpoints: ["hub:GigabitEthernet0/1", "inet:eth1"]
    - endpoints: ["hub:Serial0/0", "inet:eth2"]
    - endpoints: ["nobody:eth1", "host2:eth1"]
`;

function issuesOf(text: string, file = 'broken.clab.yml'): TopologyError {
  try {
    parseTopology(text, file);
  } catch (e) {
    assert.ok(e instanceof TopologyError, `expected a TopologyError, got ${String(e)}`);
    return e;
  }
  assert.fail('the topology was accepted');
}

describe('topology validation', () => {
  it('reports every error at once, each with file, line and field', () => {
    const err = issuesOf(BROKEN);
    assert.equal(err.code, 'TOPOLOGY_INVALID');
    const at = (field: string) => err.issues.find((i) => i.field === field);
    const expect: Array<[string, number, RegExp]> = [
      ['topology.nodes.hub.startup-config', 6, /startup-config not found/],
      ['topology.nodes.inet.interfaces.eth2', 11, /IPv4 address with a prefix length/],
      ['topology.nodes.host1.kind', 13, /expected one of .*found "hots"/],
      ['topology.nodes.host2.gateway', 17, /gateway 10\.9\.9\.9 is not on a subnet/],
      ['topology.nodes.host3.gatway', 20, /unknown field "gatway" \(did you mean "gateway"\?\)/],
      ['topology.links[1].endpoints[0]', 23, /"Serial0\/0" is not an interface name for a dmvpn node/],
      ['topology.links[2].endpoints[0]', 24, /unknown node "nobody"/],
    ];
    for (const [field, line, message] of expect) {
      const issue = at(field);
      assert.ok(issue, `no issue for ${field}; got:\n${err.message}`);
      assert.equal(issue.line, line, `${field} line`);
      assert.equal(issue.file, 'broken.clab.yml');
      assert.match(issue.message, message);
    }
    assert.match(err.message, /broken\.clab\.yml:13:7: topology\.nodes\.host1\.kind: /);
  });

  it('points at the line of a YAML syntax error', () => {
    const err = issuesOf('name: x\ntopology:\n  nodes:\n    a: {kind: host\n');
    assert.equal(err.issues[0]!.line >= 4, true);
    assert.match(err.issues[0]!.message, /^YAML: /);
  });

  it('refuses fields that do not apply to a kind, links with one end, and a missing kind', () => {
    const err = issuesOf(`name: x
topology:
  nodes:
    sw: { kind: switch, gateway: 10.0.0.1 }
    h: { interfaces: { eth1: 10.0.0.2/24 } }
  links:
    - endpoints: ["sw:eth1"]
`);
    const fields = err.issues.map((i) => `${i.line} ${i.field}: ${i.message}`);
    assert.ok(
      fields.some((f) => /^4 topology\.nodes\.sw\.gateway: "gateway" does not apply to a switch node/.test(f)),
      fields.join('\n'),
    );
    assert.ok(
      fields.some((f) => /^5 topology\.nodes\.h: node "h" has no kind/.test(f)),
      fields.join('\n'),
    );
    assert.ok(
      fields.some((f) => /^7 topology\.links\[0\]\.endpoints: a link has exactly two endpoints, found 1/.test(f)),
      fields.join('\n'),
    );
  });

  it('merges defaults and kinds, resolves startup-config next to the file and maps IOS names', () => {
    const dir = tempLab({ 'r.cfg': 'hostname r\n' });
    const file = join(dir, 'lab.clab.yml');
    const t = parseTopology(
      `name: ok
topology:
  defaults: { env: { A: 1 } }
  kinds: { dmvpn: { startup-config: r.cfg, env: { B: two } } }
  nodes:
    r: { kind: dmvpn }
    h: { kind: host, interfaces: { eth1: 10.0.0.2/24 }, gateway: 10.0.0.1 }
  links:
    - endpoints: ["r:Gi0/2", "h:eth1"]
`,
      file,
    );
    const r = t.nodes.find((n) => n.name === 'r')!;
    assert.equal(r.startupConfig, join(dir, 'r.cfg'));
    assert.deepEqual(r.env, { A: '1', B: 'two' });
    assert.deepEqual(t.links[0]!.a, { node: 'r', iface: 'Gi0/2', linux: 'eth2' });
  });

  it('maps IOS interface names to the Linux names inside the node', () => {
    assert.equal(iosToLinux('GigabitEthernet0/1'), 'eth1');
    assert.equal(iosToLinux('Ethernet0/3'), 'eth3');
    assert.equal(iosToLinux('Loopback0'), 'lo');
    assert.equal(iosToLinux('Tunnel0'), 'tun0');
    assert.equal(iosToLinux('Serial0/0/0'), undefined);
  });

  it('loads every shipped lab', () => {
    const labs = join(import.meta.dirname, '..', '..', '..', 'labs');
    const dirs = readdirSync(labs, { withFileTypes: true }).filter((d) => d.isDirectory());
    assert.ok(dirs.length >= 5);
    for (const d of dirs) {
      const file = join(labs, d.name, `${d.name}.clab.yml`);
      const t = loadTopology(file);
      assert.equal(t.name, d.name);
      assert.match(
        readFileSync(file, 'utf8'),
        /^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/topology\.schema\.json/,
      );
    }
  });

  it('publishes the JSON schema generated from the validator', () => {
    const published = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'schema', 'topology.schema.json'),
      'utf8',
    );
    assert.equal(
      published,
      topologyJsonSchema(),
      'schema/topology.schema.json is stale: run dmvpn-lab schema > schema/topology.schema.json',
    );
  });
});
