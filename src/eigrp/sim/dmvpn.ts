/**
 * A DMVPN hub with N spokes running EIGRP on virtual time, for the bench and (later) `dmvpn-lab
 * simulate --routing eigrp`: tunnel 10.0.0.0/16 (hub 10.0.0.1), spoke k's LAN 10.(100 + k / 256).(k % 256).0/24
 * on GigabitEthernet0/1, hub LAN 10.99.0.0/24. Runs until every spoke has every route it should
 * (the hub LAN, and with split horizon off every other spoke's LAN) and reports the cost.
 */
import { EigrpEngine } from '../engine.js';
import type { EigrpConfigInput, EigrpInterfaceInput } from '../config.js';
import { formatIpv4 } from '../../wire/ipv4-addr.js';
import { EigrpNet, type SimNode } from './network.js';

export interface DmvpnSimOptions {
  spokes: number;
  /** Hub Tunnel0 knobs (split horizon, next-hop-self, summaries...). */
  hubTunnel?: Partial<EigrpInterfaceInput>;
  /** Spokes as `eigrp stub` (connected summary). */
  stub?: boolean;
  latencyMs?: number;
  /** Give up after this much virtual time (default 600 s). */
  limitSec?: number;
}

export interface DmvpnSimReport {
  spokes: number;
  /** Virtual seconds until every router had its routes; undefined when it never happened. */
  convergedSec?: number;
  wallMs: number;
  hubPacketsSent: number;
  packetsDelivered: number;
  hubRoutes: number;
  spokeRoutes: number;
}

const spokeAddr = (k: number): string => formatIpv4(0x0a000001 + k);
const spokeLan = (k: number): string => `10.${100 + (k >> 8)}.${k & 255}.0`;

function config(
  tunnel: string,
  lan: string,
  extra: Partial<EigrpInterfaceInput>,
  more: Partial<EigrpConfigInput> = {},
) {
  return {
    as: 1,
    networks: [{ address: '10.0.0.0' }],
    interfaces: [
      { name: 'Tunnel0', address: tunnel, prefixLength: 16, ...extra },
      { name: 'GigabitEthernet0/1', address: lan.replace(/\.0$/, '.1'), prefixLength: 24 },
    ],
    ...more,
  } satisfies EigrpConfigInput;
}

export function simulateDmvpn(o: DmvpnSimOptions): DmvpnSimReport {
  const start = performance.now();
  const net = new EigrpNet({ latencyMs: o.latencyMs ?? 10 });
  const hub = net.add('hub', new EigrpEngine(config('10.0.0.1', '10.99.0.0', o.hubTunnel ?? {}), { debug: false }), [
    { iface: 'Tunnel0', address: '10.0.0.1', link: 'tun' },
  ]);
  const spokes: SimNode[] = [];
  for (let k = 1; k <= o.spokes; k++) {
    const cfg = config(spokeAddr(k), spokeLan(k), {}, o.stub ? { stub: {} } : {});
    spokes.push(
      net.add(`spoke${k}`, new EigrpEngine(cfg, { debug: false }), [
        { iface: 'Tunnel0', address: spokeAddr(k), link: 'tun', multicastTo: ['10.0.0.1'] },
      ]),
    );
  }
  const seesSpokes = o.hubTunnel?.splitHorizon === false && !o.hubTunnel?.summaries?.length;
  const wantSpoke = o.hubTunnel?.summaries?.length ? 1 : 1 + (seesSpokes ? o.spokes - 1 : 0);
  const done = () => hub.routes.size >= o.spokes && spokes.every((s) => s.routes.size >= wantSpoke);
  let convergedSec: number | undefined;
  const limit = (o.limitSec ?? 600) * 1000;
  for (let t = 100; t <= limit; t += 100) {
    net.run(t);
    if (done()) {
      convergedSec = t / 1000;
      break;
    }
  }
  return {
    spokes: o.spokes,
    convergedSec,
    wallMs: performance.now() - start,
    hubPacketsSent: hub.sent,
    packetsDelivered: net.delivered,
    hubRoutes: hub.routes.size,
    spokeRoutes: spokes[0]?.routes.size ?? 0,
  };
}
