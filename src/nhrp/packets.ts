/**
 * Builders for every packet the engine sends, laid out as Cisco IOS lays them out (checked against
 * the captures in /work/shared/pcaps/cisco): hop count 255, flag 0x0002 "NAT supported" in
 * requests and replies, extensions Responder, Forward Transit, Reverse Transit, Authentication,
 * Cisco NAT, [Vendor-Private group], End.
 */
import {
  authExtension,
  makeCie,
  afnOf,
  makeNhrp,
  NhrpFlags,
  NhrpType,
  type Cie,
  type Extension,
  type NhrpPacket,
} from '../wire/nhrp/index.js';
import type { NhrpEngineConfig } from './config.js';
import type { Ctx } from './context.js';
import { hostLength } from './prefix.js';
import { ipFamily } from '../wire/ip-family.js';

const { Q, A, D, U, S, NAT } = NhrpFlags.Resolution;
/** Cisco: Q (router), A (authoritative only), S (stable), NAT supported. */
export const RESOLUTION_REQUEST_FLAGS = Q | A | S | NAT;
/** Cisco Vendor-Private OUI. */
const CISCO_OUI = 0x00000c;

/** A CIE naming this router (Responder, Forward Transit, the NAT extension's NHS entry). */
export function selfCie(cfg: NhrpEngineConfig, fields: Partial<Cie> = {}): Cie {
  return makeCie({
    prefixLength: hostLength(cfg.protocolAddress),
    mtu: cfg.mtu,
    holdingTime: cfg.holdtime,
    nbmaAddress: cfg.nbmaAddress,
    protocolAddress: cfg.protocolAddress,
    ...fields,
  });
}

/** Cisco cleartext authentication: the password's first 8 bytes. */
export function authExt(cfg: NhrpEngineConfig): Extension[] {
  return cfg.authentication === undefined ? [] : [authExtension(cfg.authentication.slice(0, 8))];
}

/** Cisco's request extension list. */
function requestExtensions(cfg: NhrpEngineConfig, nat: Cie[], extra: Extension[] = []): Extension[] {
  return [
    { type: 'responder', compulsory: true, cies: [] },
    { type: 'forwardTransit', compulsory: true, cies: [] },
    { type: 'reverseTransit', compulsory: true, cies: [] },
    ...authExt(cfg),
    { type: 'ciscoNat', compulsory: false, cies: nat },
    ...extra,
    { type: 'end', compulsory: true },
  ];
}

/** The header fields naming this router as the source. */
function fromSelf(cfg: NhrpEngineConfig): Pick<NhrpPacket, 'afn' | 'srcNbma' | 'srcProto' | 'protocolType'> {
  return {
    afn: afnOf(cfg.nbmaAddress),
    srcNbma: cfg.nbmaAddress,
    srcProto: cfg.protocolAddress,
    protocolType: ipFamily(cfg.family).protocolType,
  };
}

/**
 * RFC 2332 5.2.3 Registration Request to an NHS, as IOS sends it: one CIE with empty client
 * addresses (= the header's), host prefix, holding time (IPv6: a second CIE with the tunnel's
 * link-local address as client protocol address); the NAT extension names the NHS.
 */
export function registrationRequest(ctx: Ctx, nhs: { protocol: string; nbma: string }, requestId: number): NhrpPacket {
  const cfg = ctx.cfg;
  const group: Extension[] = cfg.groupName === undefined ? [] : [groupExtension(cfg.groupName)];
  return makeNhrp({
    type: NhrpType.RegistrationRequest,
    flags: (cfg.noUnique ? 0 : NhrpFlags.Registration.U) | NhrpFlags.Registration.NAT,
    requestId,
    ...fromSelf(cfg),
    dstProto: nhs.protocol,
    cies: [
      makeCie({
        prefixLength: hostLength(cfg.protocolAddress),
        mtu: cfg.mtu,
        holdingTime: cfg.holdtime,
        preference: 255,
      }),
      // IPv6: the link-local address too, in its own CIE (IOS registers both)
      ...(cfg.linkLocal === undefined
        ? []
        : [
            makeCie({
              prefixLength: 128,
              protocolAddress: cfg.linkLocal,
              mtu: cfg.mtu,
              holdingTime: cfg.holdtime,
              preference: 255,
            }),
          ]),
    ],
    extensions: requestExtensions(
      cfg,
      [selfCie(cfg, { nbmaAddress: nhs.nbma, protocolAddress: nhs.protocol, holdingTime: 0, preference: 255 })],
      group,
    ),
  });
}

/** `ip nhrp group NAME` as IOS sends it: Vendor-Private, OUI 00000c, sub-type 1, length, name. */
export function groupExtension(name: string): Extension {
  const bytes = new TextEncoder().encode(name);
  const data = new Uint8Array(2 + bytes.length);
  data[0] = 1;
  data[1] = bytes.length;
  data.set(bytes, 2);
  return { type: 'vendorPrivate', compulsory: false, oui: CISCO_OUI, data };
}

/** The group name in a Cisco Vendor-Private extension, if any. */
export function groupOf(p: NhrpPacket): string | undefined {
  for (const e of p.extensions) {
    if (e.type === 'vendorPrivate' && e.oui === CISCO_OUI && e.data[0] === 1 && e.data.length >= 2 + e.data[1]) {
      return new TextDecoder().decode(e.data.subarray(2, 2 + e.data[1]));
    }
  }
  return undefined;
}

/**
 * A reply to `req` as IOS builds it (RFC 2332 5.2.2, 5.2.4): the request's header and extensions in
 * their order, the Responder Address filled with `responder`, Authentication regenerated with our
 * password, `natAppend` added to the Cisco NAT extension.
 */
export function replyTo(
  ctx: Ctx,
  req: NhrpPacket,
  type: number,
  flags: number,
  cies: Cie[],
  responder: Cie,
  natAppend: Cie[] = [],
): NhrpPacket {
  const extensions: Extension[] = [];
  for (const e of req.extensions) {
    if (e.type === 'responder') extensions.push({ ...e, cies: [responder] });
    else if (e.type === 'authentication') extensions.push(...authExt(ctx.cfg));
    else if (e.type === 'ciscoNat') extensions.push({ ...e, cies: [...e.cies, ...natAppend] });
    else extensions.push(e);
  }
  return makeNhrp({
    afn: req.afn,
    protocolType: req.protocolType,
    type,
    flags,
    requestId: req.requestId,
    srcNbma: req.srcNbma,
    srcNbmaSubaddress: req.srcNbmaSubaddress,
    srcProto: req.srcProto,
    dstProto: req.dstProto,
    cies,
    extensions,
  });
}

/** RFC 2332 5.2.1 Resolution Request for `dst`, as IOS sends it (flags 0xc802, CIE with preference 0). */
export function resolutionRequest(ctx: Ctx, dst: string, requestId: number): NhrpPacket {
  const cfg = ctx.cfg;
  return makeNhrp({
    type: NhrpType.ResolutionRequest,
    flags: RESOLUTION_REQUEST_FLAGS,
    requestId,
    ...fromSelf(cfg),
    dstProto: dst,
    cies: [makeCie({ prefixLength: hostLength(cfg.protocolAddress), mtu: cfg.mtu, holdingTime: cfg.holdtime })],
    extensions: requestExtensions(cfg, []),
  });
}

/** Flags of an authoritative Resolution Reply (IOS: the request's Q and S, plus A, D, U, NAT). */
export function resolutionReplyFlags(requestFlags: number, authoritative: boolean): number {
  return (requestFlags & (Q | S)) | (authoritative ? A : 0) | D | U | NAT;
}

/**
 * Cisco Traffic Indication (draft-detienne-dmvpn): traffic code 0 (redirect), destination = the
 * data packet's source, payload = its IP header + 8 bytes; no Responder extension.
 */
export function trafficIndication(ctx: Ctx, dataSrc: string, head: Uint8Array): NhrpPacket {
  const cfg = ctx.cfg;
  return makeNhrp({
    type: NhrpType.TrafficIndication,
    requestId: 0,
    ...fromSelf(cfg),
    dstProto: dataSrc,
    payload: head,
    extensions: [
      { type: 'forwardTransit', compulsory: true, cies: [] },
      { type: 'reverseTransit', compulsory: true, cies: [] },
      ...authExt(cfg),
      { type: 'ciscoNat', compulsory: false, cies: [] },
      { type: 'end', compulsory: true },
    ],
  });
}

/** RFC 2332 5.2.5 Purge Request telling `dstProto` to forget the bindings in `items`. */
export function purgeRequest(
  ctx: Ctx,
  dstProto: string,
  items: Array<{ protocol: string; prefixLength: number }>,
  noReply: boolean,
  requestId: number,
): NhrpPacket {
  const cfg = ctx.cfg;
  return makeNhrp({
    type: NhrpType.PurgeRequest,
    flags: noReply ? NhrpFlags.Purge.N : 0,
    requestId,
    ...fromSelf(cfg),
    dstProto,
    cies: items.map((i) =>
      makeCie({
        prefixLength: i.prefixLength,
        mtu: cfg.mtu,
        holdingTime: 0,
        nbmaAddress: cfg.nbmaAddress,
        protocolAddress: i.protocol,
      }),
    ),
    extensions: requestExtensions(cfg, []),
  });
}

/** RFC 2332 5.2.6 Purge Reply: the request sent back with the type changed. */
export function purgeReply(ctx: Ctx, req: NhrpPacket): NhrpPacket {
  return replyTo(ctx, req, NhrpType.PurgeReply, req.flags, req.cies, selfCie(ctx.cfg));
}

/**
 * RFC 2332 5.2.7 Error Indication: error code and offset in place of the request ID, the packet in
 * error as payload, sent to its source.
 */
export function errorIndication(
  ctx: Ctx,
  errored: NhrpPacket,
  erroredBytes: Uint8Array,
  code: number,
  offset: number,
): NhrpPacket {
  const cfg = ctx.cfg;
  const auth = authExt(cfg);
  return makeNhrp({
    type: NhrpType.ErrorIndication,
    requestId: ((code & 0xffff) << 16) | (offset & 0xffff),
    ...fromSelf(cfg),
    dstProto: errored.srcProto,
    payload: erroredBytes.subarray(0, Math.min(erroredBytes.length, (erroredBytes[10] << 8) | erroredBytes[11])),
    extensions: auth.length === 0 ? [] : [...auth, { type: 'end', compulsory: true }],
  });
}
