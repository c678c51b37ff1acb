/**
 * DUAL against brute force: random meshes of GigabitEthernet and FastEthernet links, each router with
 * a loopback. After convergence — and again after links fail, with packets lost on the way — every
 * router's route to every loopback must have exactly the best metric over all loop-free paths of the
 * graph that is left, and no route may point at a router that is cut off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EigrpConfigInput } from '../../src/eigrp/config.js';
import { composite, linkMetric } from '../../src/eigrp/metric.js';
import { Lab } from '../helpers/eigrp-lab.js';

interface Link {
  a: number;
  b: number;
  kind: 'GigabitEthernet' | 'FastEthernet';
  up: boolean;
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPEED = { GigabitEthernet: [1_000_000, 10], FastEthernet: [100_000, 100] } as const;

/** Best composite metric from `from` to router `to`'s loopback over every simple path of up links. */
function best(links: Link[], from: number, to: number): number | undefined {
  let bestD: number | undefined;
  const seen = new Set([from]);
  const walk = (at: number, bw: number, delay: number): void => {
    if (at === to) {
      // The loopback itself: 8000000 kbit/s, 5000 µs.
      const m = { ...linkMetric(1, 0), bandwidth: Math.max(bw, 256), delay: delay + 500 * 256 };
      const d = composite(m);
      if (bestD === undefined || d < bestD) bestD = d;
      return;
    }
    for (const l of links) {
      if (!l.up || (l.a !== at && l.b !== at)) continue;
      const next = l.a === at ? l.b : l.a;
      if (seen.has(next)) continue;
      const [kbit, us] = SPEED[l.kind];
      const lm = linkMetric(kbit, us);
      seen.add(next);
      walk(next, Math.max(bw, lm.bandwidth), delay + lm.delay);
      seen.delete(next);
    }
  };
  walk(from, 0, 0);
  return bestD;
}

function build(seed: number, n: number, lossUntil: () => number): { lab: Lab; links: Link[]; random: () => number } {
  const random = rng(seed);
  const links: Link[] = [];
  for (let i = 1; i < n; i++) {
    links.push({
      a: Math.floor(random() * i),
      b: i,
      kind: random() < 0.5 ? 'GigabitEthernet' : 'FastEthernet',
      up: true,
    });
  }
  for (let extra = 0; extra < n; extra++) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    if (a === b || links.some((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a))) continue;
    links.push({ a, b, kind: random() < 0.5 ? 'GigabitEthernet' : 'FastEthernet', up: true });
  }
  const lossRandom = rng(seed ^ 0x5555);
  const lab = new Lab({ drop: (p) => p.at < lossUntil() && lossRandom() < 0.2 });
  for (let r = 0; r < n; r++) {
    const mine = links.map((l, k) => ({ l, k })).filter(({ l }) => l.a === r || l.b === r);
    const cfg: EigrpConfigInput = {
      as: 1,
      networks: [{ address: '10.0.0.0' }],
      interfaces: [
        ...mine.map(({ l, k }) => ({
          name: `${l.kind}0/${k}`,
          address: `10.1.${k}.${l.a === r ? 1 : 2}`,
          prefixLength: 24,
        })),
        { name: 'Loopback0', address: `10.255.0.${r}`, prefixLength: 32 },
      ],
    };
    lab.add(
      `r${r}`,
      cfg,
      mine.map(({ l, k }) => ({ iface: `${l.kind}0/${k}`, address: `10.1.${k}.${l.a === r ? 1 : 2}`, link: `l${k}` })),
    );
  }
  return { lab, links, random };
}

function check(lab: Lab, links: Link[], n: number, where: string): void {
  for (let r = 0; r < n; r++) {
    for (let t = 0; t < n; t++) {
      if (t === r) continue;
      const want = best(links, r, t);
      const got = lab.routes(`r${r}`).get(`10.255.0.${t}/32`);
      assert.equal(got?.metric, want, `${where}: r${r} -> r${t} loopback`);
    }
    assert.ok(
      lab.snapshot(`r${r}`).topology.every((e) => e.state === 'P'),
      `${where}: r${r} has nothing left Active`,
    );
  }
}

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
  test(`random mesh ${seed}: best metrics everywhere, after start and after link failures under loss`, () => {
    const n = 7;
    let lossUntil = 5000;
    const { lab, links, random } = build(seed, n, () => lossUntil);
    lab.runTo(40);
    assert.ok(lab.net.lost > 0, 'packets were lost at start');
    check(lab, links, n, 'start');
    for (let round = 0; round < 3; round++) {
      const up = links.filter((l) => l.up);
      const l = up[Math.floor(random() * up.length)];
      l.up = false;
      const k = links.indexOf(l);
      lossUntil = lab.net.now + 3000;
      for (const r of [l.a, l.b]) {
        const e = lab.engine(`r${r}`);
        const cfg = e.config;
        lab.net.input(lab.net.node(`r${r}`), () =>
          e.configure(lab.net.now, {
            ...cfg,
            interfaces: cfg.interfaces.map((i) => (i.name === `${l.kind}0/${k}` ? { ...i, shutdown: true } : i)),
          }),
        );
      }
      lab.runFor(60);
      check(lab, links, n, `after link ${k} (r${l.a}-r${l.b}) failed`);
    }
  });
}
