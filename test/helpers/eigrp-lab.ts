/** Test bench: EIGRP engines wired together in memory on virtual time (src/eigrp/sim), every packet recorded. */
import { EigrpEngine } from '../../src/eigrp/engine.js';
import type { EigrpConfigInput, EigrpInterfaceInput } from '../../src/eigrp/config.js';
import { EigrpNet, type Attachment, type EigrpNetOptions, type WirePacket } from '../../src/eigrp/sim/network.js';
import { decodeEigrp, type EigrpPacket } from '../../src/wire/eigrp/index.js';

export interface Wire extends WirePacket {
  p: EigrpPacket;
  lost: boolean;
}

/** Hub 10.0.0.1 with LAN 192.168.1.0/24; spoke k (1-based) 10.0.0.(k+1) with LAN 192.168.(k+1).0/24. */
export const hubTunnel = '10.0.0.1';
export const spokeTunnel = (k: number): string => `10.0.0.${k + 1}`;
export const lanOf = (k: number): string => `192.168.${k + 1}.0`;

/** A DMVPN router: Tunnel0 on 10.0.0.0/24 and a GigabitEthernet LAN, both under `network`. */
export function dmvpnConfig(
  index: number,
  tunnel: Partial<EigrpInterfaceInput> = {},
  extra: Partial<EigrpConfigInput> = {},
): EigrpConfigInput {
  return {
    as: 1,
    networks: [
      { address: '10.0.0.0', wildcard: '0.0.0.255' },
      { address: '192.168.0.0', wildcard: '0.0.255.255' },
    ],
    interfaces: [
      { name: 'Tunnel0', address: `10.0.0.${index + 1}`, prefixLength: 24, ...tunnel },
      { name: 'GigabitEthernet0/1', address: `192.168.${index + 1}.1`, prefixLength: 24 },
    ],
    ...extra,
  };
}

export class Lab {
  readonly net: EigrpNet;
  readonly wire: Wire[] = [];

  constructor(opts: EigrpNetOptions = {}) {
    this.net = new EigrpNet({
      latencyMs: 5,
      ...opts,
      onPacket: (p, lost) => this.wire.push({ ...p, p: decodeEigrp(p.bytes), lost }),
    });
  }

  add(name: string, config: EigrpConfigInput, attachments: Attachment[]): EigrpEngine {
    const engine = new EigrpEngine(config);
    this.net.add(name, engine, attachments);
    return engine;
  }

  /** A hub and `spokes` spokes on one multipoint Tunnel0 (spokes' multicast reaches only the hub). */
  static dmvpn(
    spokes: number,
    hubTunnelCfg: Partial<EigrpInterfaceInput> = {},
    opts: EigrpNetOptions = {},
    spokeExtra: (k: number) => Partial<EigrpConfigInput> = () => ({}),
    hubExtra: Partial<EigrpConfigInput> = {},
  ): Lab {
    const lab = new Lab(opts);
    lab.add('hub', dmvpnConfig(0, hubTunnelCfg, hubExtra), [{ iface: 'Tunnel0', address: hubTunnel, link: 'tun' }]);
    for (let k = 1; k <= spokes; k++) {
      lab.add(`spoke${k}`, dmvpnConfig(k, {}, spokeExtra(k)), [
        { iface: 'Tunnel0', address: spokeTunnel(k), link: 'tun', multicastTo: [hubTunnel] },
      ]);
    }
    return lab;
  }

  runTo(sec: number): void {
    this.net.run(sec * 1000);
  }

  runFor(sec: number): void {
    this.net.run(this.net.now + sec * 1000);
  }

  engine(name: string): EigrpEngine {
    return this.net.node(name).engine;
  }

  routes(name: string) {
    return this.net.node(name).routes;
  }

  logs(name: string): string[] {
    return this.net.node(name).logs;
  }

  snapshot(name: string) {
    return this.engine(name).snapshot(this.net.now);
  }

  /** Packets of an opcode (optionally from one node). */
  packets(opcode: number, from?: string): Wire[] {
    return this.wire.filter((w) => w.p.opcode === opcode && (from === undefined || w.from === from));
  }
}
