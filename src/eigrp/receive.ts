/**
 * The edge of the engine (RFC 7868 5.3, FRR eigrp_packet's receive path): every received packet is
 * validated once — interface, checksum and codec, autonomous system, authentication — counted, and
 * dropped with one reason or handed on. Authentication (IOS): with a key on the interface a packet
 * must carry an Authentication TLV of that mode whose digest verifies; without one, a packet that
 * carries a digest is refused too. A bare Ack needs no digest: IOS named mode sends them without one
 * (reference capture eigrp-sha-authentication.pcapng, frames 6, 8 and 10).
 */
import { findDigest, verifyEigrpDigest, type EigrpPacket } from '../wire/eigrp/index.js';
import { speaks, type EigrpInterface } from './config.js';
import type { Ctx } from './context.js';
import { packetKind } from './counters.js';
import { describePacket } from './debug.js';
import { tryDecodeEigrp } from './decode.js';

/** A packet as the driver hands it over: the IP payload (protocol 88) and where it came from. */
export interface Received {
  interface: string;
  /** The IP source address (the neighbor's interface address). */
  source: string;
  /** The IP destination (224.0.0.10 or our address), when known. */
  destination?: string;
  bytes: Uint8Array;
}

/** The validated packet and its interface, or undefined when it was dropped (and counted). */
export function admit(ctx: Ctx, r: Received): { iface: EigrpInterface; p: EigrpPacket } | undefined {
  const iface = ctx.iface(r.interface);
  if (!iface || !speaks(iface) || ctx.cfg.shutdown) {
    ctx.counters.drop('notEnabled');
    return undefined;
  }
  if (r.source === iface.address) return undefined;
  const p = tryDecodeEigrp(r.bytes);
  if (!p) {
    ctx.counters.drop('malformed');
    ctx.event(() => `EIGRP: ${iface.name}: ignored packet from ${r.source}: bad checksum or malformed`);
    return undefined;
  }
  if (p.as !== ctx.cfg.as) {
    ctx.counters.drop('badAs');
    ctx.event(() => `EIGRP: ${iface.name}: ignored packet from ${r.source}, AS ${p.as} is not ${ctx.cfg.as}`);
    return undefined;
  }
  const why = authProblem(iface, r, p);
  if (why) {
    ctx.counters.drop('badAuth');
    ctx.event(() => `EIGRP: ${iface.name}: ignored packet from ${r.source}, opcode = ${p.opcode} (${why})`);
    return undefined;
  }
  const kind = packetKind(p.opcode, p.ack);
  if (kind) ctx.counters.received[kind]++;
  ctx.event(() => describePacket('Received', iface.name, r.source, r.bytes));
  return { iface, p };
}

function authProblem(iface: EigrpInterface, r: Received, p: EigrpPacket): string | undefined {
  const a = iface.authentication;
  const tlv = p.tlvs.find((t) => t.type === 'authentication');
  if (!a) return tlv ? 'authentication off or key-chain missing' : undefined;
  // IOS sends bare Acks (a Hello with only the acknowledgement number) without a digest.
  if (p.opcode === 5 && p.ack !== 0 && p.tlvs.length === 0) return undefined;
  if (tlv?.type !== 'authentication' || !findDigest(r.bytes)) return 'missing authentication';
  if (tlv.authType !== (a.mode === 'md5' ? 2 : 3)) return 'authentication mode mismatch';
  const ok =
    a.mode === 'md5'
      ? verifyEigrpDigest(r.bytes, { mode: 'md5', key: a.key })
      : verifyEigrpDigest(r.bytes, { mode: 'sha256', password: a.password, source: r.source });
  return ok ? undefined : 'invalid authentication';
}
