/** `show ip eigrp ...` text rendered from a hub's snapshot (three spokes, split horizon off). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  renderInterfaces,
  renderNeighbors,
  renderTopology,
  renderTraffic,
  uptime,
} from '../../src/eigrp/show/index.js';
import { Lab } from '../helpers/eigrp-lab.js';

function hub() {
  const lab = Lab.dmvpn(3, { splitHorizon: false });
  lab.runTo(3725);
  return lab.snapshot('hub');
}

test('show ip eigrp neighbors: IOS columns, newest first', () => {
  const text = renderNeighbors(hub());
  const lines = text.split('\n');
  assert.equal(lines[0], 'EIGRP-IPv4 Neighbors for AS(1)');
  assert.equal(lines[1], 'H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq');
  assert.match(lines[3], /^2 {3}10\.0\.0\.4\s+Tu0\s+\d+ 01:02:0\d\s+\d+\s+\d+\s+0\s+\d+$/);
  assert.equal(lines[3].indexOf('Tu0'), lines[1].indexOf('Interface'));
  assert.equal(lines.filter((l) => l.includes('Tu0')).length, 3);
});

test('show ip eigrp topology: successors with FD and (distance/reported distance)', () => {
  const text = renderTopology(hub());
  assert.match(text, /^EIGRP-IPv4 Topology Table for AS\(1\)\/ID\(192\.168\.1\.1\)\n/);
  assert.match(text, /P 10\.0\.0\.0\/24, 1 successors, FD is 26880000\n {8}via Connected, Tunnel0\n/);
  assert.match(
    text,
    /P 192\.168\.2\.0\/24, 1 successors, FD is 26880256\n {8}via 10\.0\.0\.2 \(26880256\/2816\), Tunnel0\n/,
  );
});

test('show ip eigrp interfaces and traffic', () => {
  const s = hub();
  const itf = renderInterfaces(s).split('\n');
  assert.match(itf[3], /^Tu0\s+3\s+0\/0\s+0\/0\s+\d+\s+0\/\d+\s+\d+\s+0$/);
  assert.match(itf[4], /^Gi0\/1\s+0\s+/);
  const tr = renderTraffic(s);
  assert.match(tr, /Hellos sent\/received: \d+\/\d+/);
  assert.match(tr, /Updates sent\/received: [1-9]\d*\/[1-9]\d*/);
  assert.match(tr, /authentication: 0/);
});

test('uptime in IOS form', () => {
  assert.equal(uptime(59), '00:00:59');
  assert.equal(uptime(3725), '01:02:05');
  assert.equal(uptime(86400 + 7200), '1d02h');
  assert.equal(uptime(9 * 86400), '1w2d');
});
