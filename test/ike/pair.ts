/**
 * Two IKEv2 engines wired together in memory with a fake clock: A at 192.0.2.1, B at 192.0.2.2. Datagrams go
 * through a queue that a test can filter (drop, rewrite the source port as a NAT would); `run` delivers them and
 * advances the clock to the next deadline until both sides are quiet.
 */
import { IkeEngine, type IkeAction, type IkeEngineConfigInput, type IkePeerConfigInput } from '../../src/ike/index.js';

export const A = '192.0.2.1';
export const B = '192.0.2.2';

export interface Datagram {
  from: { address: string; port: number };
  to: { address: string; port: number };
  bytes: Uint8Array;
}

export class Pair {
  now = 0;
  readonly a: IkeEngine;
  readonly b: IkeEngine;
  /** Every action each side produced, in order. */
  readonly actions: Record<'a' | 'b', IkeAction[]> = { a: [], b: [] };
  /** Return false to lose a datagram. */
  filter: (d: Datagram) => boolean = () => true;
  /** Datagrams delivered (after the filter), for counting exchanges. */
  readonly wire: Datagram[] = [];
  private readonly queue: Datagram[] = [];

  constructor(
    peerA: Partial<IkePeerConfigInput> = {},
    peerB: Partial<IkePeerConfigInput> = {},
    extra: { a?: Partial<IkeEngineConfigInput>; b?: Partial<IkeEngineConfigInput> } = {},
  ) {
    this.a = new IkeEngine({ localAddress: A, ...extra.a, peers: [{ address: B, psk: 'cisco123', ...peerA }] });
    this.b = new IkeEngine({ localAddress: B, ...extra.b, peers: [{ address: A, psk: 'cisco123', ...peerB }] });
  }

  side(e: IkeEngine): 'a' | 'b' {
    return e === this.a ? 'a' : 'b';
  }

  take(side: 'a' | 'b', actions: IkeAction[]): void {
    const me = side === 'a' ? A : B;
    for (const x of actions) {
      this.actions[side].push(x);
      if (x.kind === 'send') this.queue.push({ from: { address: me, port: x.localPort }, to: x.to, bytes: x.bytes });
    }
  }

  /** Delivers datagrams and fires timers until nothing is pending, or `until` ms of fake time. */
  run(until = this.now + 600_000): void {
    for (let guard = 0; guard < 100_000; guard++) {
      const d = this.queue.shift();
      if (d) {
        if (!this.filter(d)) continue;
        this.wire.push(d);
        const to = d.to.address === A ? this.a : this.b;
        this.take(this.side(to), to.receive(this.now, d.bytes, d.from, d.to.port));
        continue;
      }
      const next = [this.a.nextDeadline(), this.b.nextDeadline()].filter((x): x is number => x !== undefined);
      if (!next.length) return;
      const at = Math.max(this.now, Math.min(...next));
      if (at > until) return;
      this.now = at;
      this.take('a', this.a.tick(at));
      this.take('b', this.b.tick(at));
    }
    throw new Error('the pair did not settle');
  }

  /** Delivers what is queued without firing timers that are not yet due. */
  settle(): void {
    this.run(this.now);
  }

  of<K extends IkeAction['kind']>(side: 'a' | 'b', kind: K): (IkeAction & { kind: K })[] {
    return this.actions[side].filter((x) => x.kind === kind) as (IkeAction & { kind: K })[];
  }
}
