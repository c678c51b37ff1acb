/**
 * Two IKEv2 engines wired together in memory with a fake clock: A at 192.0.2.1, B at 192.0.2.2 (or the
 * `addresses` given, IPv6 say). Datagrams go
 * through a queue that a test can filter (drop, rewrite the source port as a NAT would); `run` delivers them and
 * advances the clock to the next deadline until both sides are quiet.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  IkeEngine,
  type ChildSaView,
  type IkeAction,
  type IkeEngineConfigInput,
  type IkePeerConfigInput,
} from '../../src/ike/index.js';
import { EspInbound, EspOutbound } from '../../src/ipsec/index.js';
import { decodeIkev2, type Ikev2Message } from '../../src/wire/ikev2/index.js';

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
  /** Rewrites a datagram on its way (a NAT changing the source port, say). */
  rewrite: (d: Datagram) => Datagram = (d) => d;
  /** Datagrams delivered (after the filter), for counting exchanges. */
  readonly wire: Datagram[] = [];
  private readonly queue: Datagram[] = [];
  /** The two sides' addresses. */
  readonly addrA: string;
  readonly addrB: string;

  constructor(
    peerA: Partial<IkePeerConfigInput> = {},
    peerB: Partial<IkePeerConfigInput> = {},
    extra: {
      a?: Partial<IkeEngineConfigInput>;
      b?: Partial<IkeEngineConfigInput>;
      addresses?: [string, string];
    } = {},
  ) {
    const [a, b] = extra.addresses ?? [A, B];
    this.addrA = a;
    this.addrB = b;
    this.a = new IkeEngine({ localAddress: a, ...extra.a, peers: [{ address: b, psk: 'cisco123', ...peerA }] });
    this.b = new IkeEngine({ localAddress: b, ...extra.b, peers: [{ address: a, psk: 'cisco123', ...peerB }] });
  }

  side(e: IkeEngine): 'a' | 'b' {
    return e === this.a ? 'a' : 'b';
  }

  take(side: 'a' | 'b', actions: IkeAction[]): void {
    const me = side === 'a' ? this.addrA : this.addrB;
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
        const r = this.rewrite(d);
        this.wire.push(r);
        const to = r.to.address === this.addrA ? this.a : this.b;
        this.take(this.side(to), to.receive(this.now, r.bytes, r.from, r.to.port));
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

  /** The IKE message of a datagram (without the non-ESP marker on port 4500), decoded. */
  static ike(d: Datagram): Ikev2Message {
    return decodeIkev2(d.to.port === 4500 ? d.bytes.subarray(4) : d.bytes);
  }

  /** Datagrams on the wire of one exchange type, requests or responses. */
  exchanges(type: number, response: boolean): Datagram[] {
    return this.wire.filter((d) => {
      const m = Pair.ike(d);
      return m.exchangeType === type && ((m.flags & 0x20) !== 0) === response;
    });
  }

  /** The latest child SA each side installed, and whether A's outbound opens at B and B's at A. */
  keysAgree(): { a: ChildSaView; b: ChildSaView } {
    const a = this.of('a', 'childUp').at(-1)!.child;
    const b = this.of('b', 'childUp').at(-1)!.child;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      assert.equal(from.spiOut, to.spiIn);
      const payload = randomBytes(100);
      const sealed = new EspOutbound(from.outbound).seal(payload, 47);
      const opened = new EspInbound(to.inbound).open(sealed);
      assert.deepEqual(Buffer.from(opened.payload), payload);
      assert.equal(opened.nextHeader, 47);
    }
    return { a, b };
  }

  of<K extends IkeAction['kind']>(side: 'a' | 'b', kind: K): (IkeAction & { kind: K })[] {
    return this.actions[side].filter((x) => x.kind === kind) as (IkeAction & { kind: K })[];
  }
}
