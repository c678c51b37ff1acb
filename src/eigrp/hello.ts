/**
 * Hellos (RFC 7868 5.3.4, 6.7): sent to 224.0.0.10 (FF02::A for IPv6) on every interface where EIGRP speaks, every hello
 * interval, with our K values and hold time, software version and, on a stub router, the Stub TLV;
 * received ones find neighbors, refresh hold timers, and carry K-value checks, goodbyes (all K 255),
 * Peer Termination and the Sequence TLV of conditional receive.
 */
import {
  EigrpOpcode,
  goodbyeTlv,
  isGoodbye,
  parametersTlv,
  softwareVersionTlv,
  type EigrpPacket,
  type EigrpTlv,
} from '../wire/eigrp/index.js';
import { speaks, type EigrpInterface } from './config.js';
import type { Ctx } from './context.js';
import { inPrefix } from '../wire/ipv4-addr.js';
import { stubBits, stubFlagsOf } from './neighbor.js';
import type { NeighborTable } from './neighbors.js';

export class Hellos {
  constructor(
    private readonly ctx: Ctx,
    private readonly table: NeighborTable,
  ) {}

  /** The TLVs of our Hello on `iface`. */
  tlvs(iface: EigrpInterface): EigrpTlv[] {
    const [k1, k2, k3, k4, k5] = this.ctx.cfg.kValues;
    const out: EigrpTlv[] = [parametersTlv({ k1, k2, k3, k4, k5, holdTime: iface.holdTime }), softwareVersionTlv()];
    const stub = this.ctx.cfg.stub;
    if (stub) out.push({ type: 'stub', flags: stubBits(stub) });
    return out;
  }

  /** Sends a Hello on `iface` now (to the group, or to one neighbor) and re-arms the interface's timer. */
  send(iface: EigrpInterface, to = this.ctx.family.multicast): void {
    const ctx = this.ctx;
    const bytes = ctx.encode(iface, { opcode: EigrpOpcode.Hello, tlvs: this.tlvs(iface) });
    ctx.transmit(iface, to, { opcode: EigrpOpcode.Hello, ack: 0 }, bytes);
    if (to === ctx.family.multicast) ctx.timers.set('hello', iface.name, ctx.now + iface.helloInterval * 1000);
  }

  /** The hello timer of an interface fired. */
  onTimer(name: string): void {
    const iface = this.ctx.iface(name);
    if (iface && speaks(iface) && !this.ctx.cfg.shutdown) this.send(iface);
  }

  /** Goodbye (Parameters with every K 255) on `iface`: peers drop us at once. */
  goodbye(iface: EigrpInterface): void {
    const ctx = this.ctx;
    const bytes = ctx.encode(iface, {
      opcode: EigrpOpcode.Hello,
      tlvs: [goodbyeTlv(iface.holdTime), softwareVersionTlv()],
    });
    ctx.transmit(iface, ctx.family.multicast, { opcode: EigrpOpcode.Hello, ack: 0 }, bytes);
  }

  /** A Hello (not an Ack) from `from` on `iface`. */
  onHello(iface: EigrpInterface, from: string, p: EigrpPacket): void {
    const ctx = this.ctx;
    let n = this.table.get(iface.name, from);
    const params = p.tlvs.find((t) => t.type === 'parameters');
    for (const t of p.tlvs) {
      if (t.type === 'peerTermination' && t.addresses.includes(iface.address)) {
        if (n) this.table.down(n, 'Peer Termination received');
        return;
      }
    }
    if (params?.type !== 'parameters') return;
    if (!n && ctx.family.name === 'ipv4' && !inPrefix(from, iface.address, iface.prefixLength)) {
      ctx.counters.drop('notOnSubnet');
      ctx.log(
        `%DUAL-6-NBRINFO: ${ctx.family.tag} ${ctx.cfg.as}: Neighbor ${from} (${iface.name}) is blocked: ` +
          `not on common subnet (${iface.address}/${iface.prefixLength})`,
      );
      return;
    }
    if (isGoodbye(params)) {
      if (n) this.table.down(n, 'Interface PEER-TERMINATION received');
      return;
    }
    const [k1, k2, k3, k4, k5] = ctx.cfg.kValues;
    if (params.k1 !== k1 || params.k2 !== k2 || params.k3 !== k3 || params.k4 !== k4 || params.k5 !== k5) {
      ctx.counters.drop('kMismatch');
      if (n) this.table.down(n, 'K-value mismatch');
      else ctx.nbrChange(from, iface.name, 'down: K-value mismatch');
      return;
    }
    if (!n) n = this.table.create(iface, from, params.holdTime);
    else {
      n.holdTime = params.holdTime;
      this.table.heard(n);
    }
    n.stub = undefined;
    for (const t of p.tlvs) {
      if (t.type === 'stub') n.stub = stubFlagsOf(t.flags);
      else if (t.type === 'softwareVersion')
        n.version = `${t.releaseMajor}.${t.releaseMinor}/${t.tlvMajor}.${t.tlvMinor}`;
      else if (t.type === 'sequence') n.crAccept = !t.addresses.includes(iface.address);
    }
  }
}
