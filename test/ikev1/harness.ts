/** Two IKEv1 engines wired back to back with a mock clock; an optional NAT rewrites the first one's source. */
import type { IkeAction } from '../../src/ike/actions.js';
import { Ikev1Engine, type Ikev1ConfigInput } from '../../src/ikev1/index.js';

export interface Side {
  engine: Ikev1Engine;
  address: string;
  actions: IkeAction[];
  /** Drop everything this side sends. */
  mute: boolean;
}

export class Pair {
  now = 1000;
  readonly a: Side;
  readonly b: Side;
  /** A's address and port as B sees them (a NAT in between), per A's local port. */
  nat?: { address: string; ports: Record<number, number> };

  constructor(a: Ikev1ConfigInput, b: Ikev1ConfigInput) {
    this.a = { engine: new Ikev1Engine(a), address: a.localAddress, actions: [], mute: false };
    this.b = { engine: new Ikev1Engine(b), address: b.localAddress, actions: [], mute: false };
  }

  /** Carries out actions, delivering sends to the other side until quiet. */
  deliver(from: Side, actions: IkeAction[]): void {
    const queue: Array<{ from: Side; a: IkeAction }> = actions.map((a) => ({ from, a }));
    for (let n = 0; queue.length > 0 && n < 1000; n++) {
      const { from: src, a } = queue.shift()!;
      src.actions.push(a);
      if (a.kind !== 'send' || src.mute) continue;
      const dst = src === this.a ? this.b : this.a;
      let fromEp = { address: src.address, port: a.localPort };
      if (src === this.a && this.nat) fromEp = { address: this.nat.address, port: this.nat.ports[a.localPort] };
      if (dst === this.a && this.nat && a.to.address === this.nat.address) {
        // back through the NAT to A's real port
        const port = Number(Object.entries(this.nat.ports).find(([, v]) => v === a.to.port)?.[0] ?? a.to.port);
        for (const r of dst.engine.receive(this.now, a.bytes, fromEp, port)) queue.push({ from: dst, a: r });
        continue;
      }
      for (const r of dst.engine.receive(this.now, a.bytes, fromEp, a.to.port)) queue.push({ from: dst, a: r });
    }
  }

  /** Advances the clock in steps, ticking both engines. */
  advance(ms: number, step = 500): void {
    const end = this.now + ms;
    while (this.now < end) {
      this.now = Math.min(end, this.now + step);
      this.deliver(this.a, this.a.engine.tick(this.now));
      this.deliver(this.b, this.b.engine.tick(this.now));
    }
  }

  of(side: Side, kind: IkeAction['kind']) {
    return side.actions.filter((x) => x.kind === kind) as any[];
  }
}

export const base = (local: string, psk = 'cisco123'): Ikev1ConfigInput => ({
  localAddress: local,
  keys: [{ address: '0.0.0.0', mask: '0.0.0.0', psk }],
});
