/**
 * The neighbor table: creating a neighbor when its first Hello arrives (IOS "new adjacency": an
 * immediate unicast Hello and our INIT Update), its hold timer, and taking it down with the IOS
 * reason (its routes leave DUAL through `onDown`).
 */
import { EigrpFlags, EigrpOpcode } from '../wire/eigrp/index.js';
import type { EigrpInterface } from './config.js';
import type { Ctx } from './context.js';
import { rtoOf, type Neighbor } from './neighbor.js';

export class NeighborTable {
  /** Set by the engine: sends our INIT (and the Hello before it). */
  greet: (iface: EigrpInterface, n: Neighbor) => void = () => {};
  /** Set by the engine: DUAL forgets the neighbor's routes. */
  onDown: (n: Neighbor) => void = () => {};

  constructor(private readonly ctx: Ctx) {}

  get(iface: string, address: string): Neighbor | undefined {
    return this.ctx.neighbors.get(`${iface} ${address}`);
  }

  /** Up peers on an interface (INIT exchange done), in handle order. */
  upOn(iface: string): Neighbor[] {
    return [...this.ctx.neighbors.values()].filter((n) => n.iface === iface && n.up);
  }

  all(): Neighbor[] {
    return [...this.ctx.neighbors.values()];
  }

  /** A new neighbor from its first Hello: logged up, greeted with a Hello and our INIT. */
  create(iface: EigrpInterface, address: string, holdTime: number): Neighbor {
    const ctx = this.ctx;
    const used = new Set([...ctx.neighbors.values()].map((n) => n.handle));
    let handle = 0;
    while (used.has(handle)) handle++;
    const n: Neighbor = {
      key: `${iface.name} ${address}`,
      address,
      iface: iface.name,
      handle,
      holdTime,
      upSince: ctx.now,
      lastHeard: ctx.now,
      srtt: 0,
      rto: rtoOf(0),
      lastSequence: 0,
      queue: [],
      sentAt: 0,
      retries: 0,
      initAcked: false,
      initReceived: false,
      up: false,
      crAccept: false,
      received: 0,
    };
    ctx.neighbors.set(n.key, n);
    this.heard(n);
    ctx.nbrChange(address, iface.name, 'up: new adjacency');
    this.greet(iface, n);
    return n;
  }

  /** Any packet from the neighbor restarts its hold timer. */
  heard(n: Neighbor): void {
    n.lastHeard = this.ctx.now;
    n.received++;
    this.ctx.timers.set('hold', n.key, this.ctx.now + n.holdTime * 1000);
  }

  /** The neighbor is gone: logged with the IOS reason, timers cleared, routes withdrawn. */
  down(n: Neighbor, reason: string): void {
    const ctx = this.ctx;
    if (ctx.neighbors.get(n.key) !== n) return;
    ctx.neighbors.delete(n.key);
    ctx.timers.clear('hold', n.key);
    ctx.timers.clear('rexmit', n.key);
    ctx.nbrChange(n.address, n.iface, `down: ${reason}`);
    this.onDown(n);
  }

  /** The hold timer of `key` fired. */
  onHoldTimer(key: string): void {
    const n = this.ctx.neighbors.get(key);
    if (n) this.down(n, 'holding time expired');
  }
}

/** The INIT Update that opens the exchange (RFC 7868 5.3.1): empty, reliable, INIT flag. */
export const INIT = { opcode: EigrpOpcode.Update, flags: EigrpFlags.Init } as const;
