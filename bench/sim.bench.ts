/**
 * The NHRP simulator at scale: the reference run (1,000 spokes, 2 hubs, 5,000 flows,
 * 600 virtual seconds; target under 10 s wall), 10,000 spokes, and how hub work grows with spokes.
 * Figures are printed, not asserted: they depend on the machine and on what else runs on it.
 */
import { NhrpEngine } from '../src/nhrp/engine.js';
import { simulate, type SimOptions, type SimReport } from '../src/nhrp/sim/index.js';
import { formatIpv4 } from '../src/wire/ipv4-addr.js';
import {
  hubConfig,
  hubRoutes,
  spokeConfig,
  spokeHost,
  spokeRoutes,
  type TopologyOptions,
} from '../src/nhrp/sim/topology.js';

export const name = 'nhrp: simulator (dmvpn-lab simulate)';

const n = (v: number) => Math.round(v).toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function line(label: string, r: SimReport): string {
  return (
    `${label.padEnd(45)} ${sec(r.wallMs).padStart(7)} wall, ${sec(r.cpuMs).padStart(7)} CPU | ` +
    `${n(r.spokesRegistered)}/${n(r.spokes)} registered by ${r.allRegisteredSec?.toFixed(1) ?? '-'} s, ` +
    `${n(r.trafficIndications)} TIs, ${n(r.shortcutsInstalled)} shortcuts`
  );
}

/** One hub engine in a hot loop: µs per registration, forwarded Resolution Request, Traffic Indication. */
function hubOperations(): string {
  const topo: TopologyOptions = { hubs: 2, spokes: 1000, phase: 3, holdtime: 600 };
  const hub = new NhrpEngine(hubConfig(topo, 0), { routes: hubRoutes(topo, 0), debug: false });
  hub.tick(0);
  const regs: Array<[Uint8Array, string]> = [];
  const resolutions: Array<[Uint8Array, string]> = [];
  for (let i = 0; i < topo.spokes; i++) {
    const spoke = new NhrpEngine(spokeConfig(topo, i), {
      routes: spokeRoutes(topo, i, () => '172.16.0.1'),
      debug: false,
    });
    for (const a of spoke.tick(0))
      if (a.kind === 'send' && a.nbma === '198.18.0.1') regs.push([a.bytes, spoke.config.nbmaAddress]);
    const dst = spokeHost((i + 1) % topo.spokes, 5);
    for (const a of spoke.nextHopUnknown(0, formatIpv4(dst)))
      if (a.kind === 'send') resolutions.push([a.bytes, spoke.config.nbmaAddress]);
  }
  const head = new Uint8Array(28);
  head.set([0x45, 0, 0, 84, 0, 0, 0x40, 0, 64, 1, 0, 0, 10, 0, 1, 5, 10, 0, 2, 5]);
  const time = (fn: (round: number) => void, per: number) => {
    let best = Infinity;
    for (let round = 0; round < 40; round++) {
      const t0 = performance.now();
      fn(round);
      best = Math.min(best, ((performance.now() - t0) * 1000) / per);
    }
    return `${best.toFixed(1)} µs`;
  };
  const reg = time((r) => regs.forEach(([b, from]) => hub.receive(r * 1000, b, from)), regs.length);
  const fwd = time((r) => resolutions.forEach(([b, from]) => hub.receive(r * 1000, b, from)), resolutions.length);
  const ti = time((r) => {
    for (let i = 0; i < 1000; i++) hub.hairpin(r * 20_000 + i, { fromNbma: regs[i][1], ipPacketHead: head });
  }, 1000);
  return `one hub engine, hot loop (best of 40 rounds over 1,000 spokes): registration ${reg}, Resolution Request forwarded ${fwd}, Traffic Indication ${ti}`;
}

export async function run(): Promise<void> {
  process.stdout.write(`${hubOperations()}\n\n`);
  const ref: Partial<SimOptions> = { hubs: 2, spokes: 1000, phase: 3, flows: 5000, seconds: 600 };
  simulate({ ...ref, spokes: 100, flows: 500 }); // warm-up
  const r = simulate(ref);
  process.stdout.write(`${line('1,000 spokes, 2 hubs, 5,000 flows, 600 s', r)}  (target < 10 s wall)\n`);
  const big = simulate({ ...ref, spokes: 10_000 });
  process.stdout.write(`${line('10,000 spokes, 2 hubs, 5,000 flows', big)}\n`);
  const fo = simulate({ ...ref, killHub: { hub: 1, atSec: 300 }, registrationTimeout: 30 });
  process.stdout.write(
    `${line('same, hub 1 stops at 300 s (reg. timeout 30)', fo)} | failover complete after ${fo.failover?.completeAfterSec?.toFixed(1) ?? 'never'} s\n`,
  );

  process.stdout.write(
    "\nHub work as spokes grow (Phase 3, 2 hubs, 5 flows per spoke, 600 s, holdtime 600 s). hub1 is every spoke's" +
      '\nfirst NHS: it registers them all, forwards every Resolution Request and sends every Traffic Indication;' +
      '\nhub2 only registers. "engine" is real time spent inside that hub\'s engine (GC pauses included):\n',
  );
  const head = [
    'spokes',
    'flows',
    'hub1 pkts in',
    'hub1 pkts out',
    'hub1 cache',
    'hub1 engine',
    'per pkt in',
    'hub2 engine',
    'sim wall',
  ];
  const rows: string[][] = [head];
  for (const spokes of [100, 1000, 3000, 10_000]) {
    const g = simulate({ ...ref, spokes, flows: 5 * spokes });
    const [h1, h2] = g.hubs;
    rows.push([
      n(spokes),
      n(5 * spokes),
      n(h1.received),
      n(h1.sent),
      n(h1.cacheSize),
      `${n(h1.engineMs)} ms`,
      `${((h1.engineMs * 1000) / Math.max(1, h1.received)).toFixed(1)} µs`,
      `${n(h2.engineMs)} ms`,
      sec(g.wallMs),
    ]);
  }
  const widths = head.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) process.stdout.write(`  ${row.map((c, i) => c.padStart(widths[i])).join('  ')}\n`);
}
