import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { CML_SKIP, loadCmlRouters, parseFixture } from '../../helpers/config.js';

test('running-config of the spoke fixture, in IOS form', () => {
  assert.equal(
    renderRunningConfig(parseFixture('spoke-phase3.cfg').config),
    `!
hostname Spoke1
!
interface Loopback0
 ip address 10.1.2.1 255.255.255.255
!
interface Tunnel0
 ip address 10.0.0.2 255.255.255.0
 ip mtu 1400
 ip nhrp authentication DMVPN
 ip nhrp network-id 1
 ip nhrp holdtime 300
 ip nhrp nhs 10.0.0.1 nbma 192.0.2.1 multicast priority 1 cluster 2
 ip nhrp nhs cluster 2 max-connections 1
 ip nhrp registration timeout 60
 ip nhrp registration no-unique
 ip nhrp shortcut
 ip tcp adjust-mss 1360
 nhrp group BRANCH
 tunnel source GigabitEthernet0/1
 tunnel mode gre multipoint
 tunnel key 100
!
interface GigabitEthernet0/1
 ip address 198.51.100.2 255.255.255.0
!
interface GigabitEthernet0/2
 ip address 10.2.0.1 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 198.51.100.1
ip route 10.0.0.0 255.0.0.0 Tunnel0
!
end
`,
  );
});

function roundTrip(name: string, text: string): void {
  const first = parseConfig(text, { file: name });
  const rendered = renderRunningConfig(first.config);
  const second = parseConfig(rendered, { file: `${name} (rendered)` });
  assert.deepEqual(second.errors, [], rendered);
  assert.deepEqual(second.config, first.config, rendered);
  assert.equal(renderRunningConfig(second.config), rendered);
  const extra = second.ignored.filter((x) => x.status !== 'inactive' && !x.text.startsWith('nhrp group '));
  assert.deepEqual(extra, [], 'the rendered config holds only what dmvpnd records');
}

for (const f of ['hub-phase3.cfg', 'spoke-phase3.cfg', 'ikev2-spoke.cfg']) {
  test(`round trip render -> parse: ${f}`, () => roundTrip(f, parseFixture(f).text));
}

test('round trip render -> parse: every CML router', { skip: CML_SKIP }, () => {
  const routers = loadCmlRouters();
  assert.ok(routers.length > 0);
  for (const r of routers) roundTrip(`${r.lab}/${r.node}`, r.text);
});
