/**
 * Registration server (RFC 2332 5.2.3-5.2.4; the NHS side of FRR nhrp_peer): accepts Registration
 * Requests into the cache as `dynamic registered` entries and answers them, as IOS does:
 * - unique-address protection: a unique registration from another NBMA address is refused with
 *   code 14 until the first one expires or is purged (`ip nhrp registration no-unique` on the
 *   spoke sends no U flag and may be replaced);
 * - NAT: the spoke is recorded at the address its packets came from; when that differs from the
 *   address it claims, the reply's Cisco NAT extension gets a second CIE with the outside address;
 * - `ip nhrp map multicast dynamic`: registered NBMA addresses receive multicast.
 */
import { CieCode, NhrpFlags, NhrpType, type Cie, type NhrpPacket } from '../wire/nhrp/index.js';
import type { CacheFlag } from './actions.js';
import type { Ctx } from './context.js';
import { ciePrefixLength } from './prefix.js';
import { groupOf, replyTo, selfCie } from './packets.js';

export class RegistrationServer {
  constructor(private readonly ctx: Ctx) {}

  /** Handles a Registration Request that passed validation; sends the reply to where it came from. */
  onRequest(p: NhrpPacket, fromNbma: string): void {
    const ctx = this.ctx;
    if (p.cies.length === 0) {
      ctx.counters.drop('badRequest');
      return;
    }
    const natted = p.srcNbma !== fromNbma;
    const group = groupOf(p);
    const cies: Cie[] = p.cies.map((c) => ({ ...c, code: this.register(p, c, fromNbma, natted, group) }));
    const natAppend = natted
      ? [selfCie(ctx.cfg, { nbmaAddress: fromNbma, protocolAddress: p.srcProto, holdingTime: 0, preference: 255 })]
      : [];
    const reply = replyTo(
      ctx,
      p,
      NhrpType.RegistrationReply,
      p.flags,
      cies,
      selfCie(ctx.cfg, { preference: 255 }),
      natAppend,
    );
    ctx.send(fromNbma, reply);
  }

  /** Registers one CIE; returns the CIE code for the reply. */
  private register(p: NhrpPacket, c: Cie, fromNbma: string, natted: boolean, group: string | undefined): number {
    const ctx = this.ctx;
    const protocol = c.protocolAddress || p.srcProto;
    const prefixLength = ciePrefixLength(c.prefixLength, protocol);
    if (!ctx.cfg.isNhs) {
      ctx.counters.drop('notNhs');
      return CieCode.AdministrativelyProhibited;
    }
    if (!ctx.onTunnel(protocol)) {
      ctx.counters.drop('badRequest');
      ctx.event(`Registration for ${protocol} refused: not in ${ctx.cfg.protocolAddress}/${ctx.cfg.prefixLength}`);
      return CieCode.AdministrativelyProhibited;
    }
    const old = ctx.cache.get(protocol, prefixLength);
    if (old?.origin === 'static') return CieCode.Success;
    if (old?.origin === 'registration' && old.nbma !== fromNbma && old.flags.has('unique')) {
      ctx.counters.drop('uniqueConflict');
      ctx.event(`Registration for ${protocol} from ${fromNbma} refused: registered uniquely from ${old.nbma}`);
      ctx.out.push({ kind: 'uniqueConflict', protocol, holder: old.nbma, refused: fromNbma });
      return CieCode.UniqueAlreadyRegistered;
    }
    if (c.holdingTime === 0) {
      if (old?.origin === 'registration') ctx.cache.remove(old, 'deregistered');
      return CieCode.Success;
    }
    const flags: CacheFlag[] = ['registered', 'nhop'];
    if (p.flags & NhrpFlags.Registration.U) flags.unshift('unique');
    if (natted) flags.push('nat');
    if (!old || old.nbma !== fromNbma)
      ctx.event(`Registered ${protocol} at ${fromNbma}${natted ? ` (claims ${p.srcNbma})` : ''}`);
    ctx.cache.put({
      protocol,
      prefixLength,
      nbma: fromNbma,
      claimedNbma: natted ? p.srcNbma : undefined,
      type: 'dynamic',
      origin: 'registration',
      flags,
      // a link-local registration is reached via the client's global address (IOS shows it so)
      via: ctx.isLinkLocal(protocol) ? p.srcProto : protocol,
      expires: ctx.now + c.holdingTime * 1000,
      group,
    });
    return CieCode.Success;
  }

  /** NBMA addresses of registered peers (`ip nhrp map multicast dynamic`). */
  registered(): string[] {
    const out = new Set<string>();
    for (const e of this.ctx.cache.entries()) if (e.origin === 'registration') out.add(e.nbma);
    return [...out];
  }
}
