/**
 * `ip pim nbma-mode` on a hub tunnel (docs/multicast.md). IOS keeps one outgoing entry per PIM
 * neighbor on an NBMA interface: a group's traffic goes only to the spokes that joined it, and traffic
 * from one spoke can go back out of the tunnel to the others. The kernel (and pimd) see the tunnel as
 * one interface, which is never both a packet's incoming and outgoing interface. So the data plane
 * keeps that per-neighbor state itself, from the PIM Join/Prune messages spokes send to this router:
 * - multicast from the TAP (the kernel forwards a group out of the tunnel) goes only to the NBMA
 *   peers that joined the group (link-local groups, 224.0.0.0/24, still go to every peer);
 * - multicast from a spoke is also sent on, TTL decremented, to the other spokes that joined.
 * A join lasts its holdtime; a (*,G) prune ends (*,G), an (S,G) prune ends (S,G), and an (S,G,rpt)
 * prune takes S off the peer's shared tree.
 */
import { decodePimJoinPrune, IPPROTO_PIM, PimType, pimType, type PimJoinPrune } from '../../wire/pim.js';
import { tryDecode } from '../../wire/errors.js';
import { internetChecksum } from '../../wire/checksum.js';
import { formatIpv4, readIpv4 } from '../../wire/ipv4-addr.js';

/** True when the IPv4 packet at `ip` goes to a routed group (224.0.0.0/4 outside the link-local 224.0.0.0/24). */
export function isRoutedMulticast(b: Uint8Array, ip: number): boolean {
  const d = ip + 16;
  return b[d] >> 4 === 0xe && !(b[d] === 224 && b[d + 1] === 0 && b[d + 2] === 0);
}

/**
 * Makes the IPv4 packet at `ip` the copy a router sends on: TTL decremented, header checksum
 * rewritten. False (packet unchanged) when its TTL does not allow another hop.
 */
export function sendOnCopy(b: Uint8Array, ip: number): boolean {
  if (b[ip + 8] <= 1) return false;
  b[ip + 8]--;
  const hl = (b[ip] & 0x0f) << 2;
  b[ip + 10] = 0;
  b[ip + 11] = 0;
  const sum = internetChecksum(b, ip, ip + hl);
  b[ip + 10] = sum >> 8;
  b[ip + 11] = sum & 0xff;
  return true;
}

/** What one NBMA peer joined for one group: expiry times (ms) of its (*,G) and (S,G) joins. */
interface PeerJoins {
  /** Source address of its last Join/Prune (its tunnel address). */
  from: number;
  star: number;
  sources: Map<number, number>;
  /** (S,G,rpt) prunes: S is not wanted on the shared tree (expiry ms). */
  rptPruned: Map<number, number>;
}

/** One peer's joins for one group, as `show ip mroute` and `show ip pim interface` list them. */
export interface PimNbmaJoin {
  group: string;
  nbma: string;
  /** The peer's tunnel address (the source of its joins). */
  neighbor: string;
  /** Seconds left of the (*,G) join; null when none. */
  starExpiresSec: number | null;
  /** Sources joined with (S,G) joins. */
  sources: string[];
}

/** Counters and joins of the nbma-mode table. */
export interface PimNbmaView {
  joinPrunesIn: number;
  joinPrunesBad: number;
  /** Multicast data packets from a spoke sent on to other spokes (copies). */
  replicatedSpokeToSpoke: number;
  /** Copies of kernel multicast not sent to a peer because it had not joined. */
  notJoined: number;
  joins: PimNbmaJoin[];
}

/** The per-peer join state of one nbma-mode tunnel. */
export class PimNbmaTable {
  private readonly groups = new Map<number, Map<number, PeerJoins>>();
  private readonly counts = { joinPrunesIn: 0, joinPrunesBad: 0, replicatedSpokeToSpoke: 0, notJoined: 0 };

  /** `self`: this router's tunnel address (joins for other upstream neighbors are not ours). */
  constructor(private readonly self: number) {}

  /**
   * Reads an IPv4 packet (at `ip` in `b`) that arrived from NBMA peer `nbma`: learns its joins when it
   * is a PIM Join/Prune for this router. True when it was one.
   */
  learn(nbma: number, b: Uint8Array, ip: number, now: number): boolean {
    if (b[ip + 9] !== IPPROTO_PIM) return false;
    const hl = (b[ip] & 0x0f) << 2;
    const total = (b[ip + 2] << 8) | b[ip + 3];
    const pim = b.subarray(ip + hl, Math.min(b.length, ip + total));
    if (pimType(pim) !== PimType.JoinPrune) return false;
    const m = tryDecode(() => decodePimJoinPrune(pim));
    if (!m.ok) {
      this.counts.joinPrunesBad++;
      return false;
    }
    if (m.value.upstream !== this.self) return false;
    this.counts.joinPrunesIn++;
    this.apply(nbma, m.value, now, readIpv4(b, ip + 12));
    return true;
  }

  /** Applies a Join/Prune message from `nbma`. */
  apply(nbma: number, m: PimJoinPrune, now: number, from = 0): void {
    const until = m.holdtime === 0xffff ? Number.POSITIVE_INFINITY : now + m.holdtime * 1000;
    for (const g of m.groups) {
      let peers = this.groups.get(g.group);
      if (!peers) {
        peers = new Map();
        this.groups.set(g.group, peers);
      }
      let p = peers.get(nbma);
      if (!p) {
        p = { from, star: 0, sources: new Map(), rptPruned: new Map() };
        peers.set(nbma, p);
      }
      p.from = from;
      for (const s of g.joins) {
        if (s.wildcard) p.star = until;
        else {
          p.sources.set(s.address, until);
          p.rptPruned.delete(s.address);
        }
      }
      for (const s of g.prunes) {
        if (s.wildcard) p.star = 0;
        else if (s.rpt) p.rptPruned.set(s.address, until);
        else p.sources.delete(s.address);
      }
      if (p.star === 0 && p.sources.size === 0 && p.rptPruned.size === 0) peers.delete(nbma);
      if (peers.size === 0) this.groups.delete(g.group);
    }
  }

  /** True when peer `nbma` wants (source, group) now. */
  wants(nbma: number, source: number, group: number, now: number): boolean {
    const p = this.groups.get(group)?.get(nbma);
    if (!p) return false;
    if ((p.sources.get(source) ?? 0) > now) return true;
    return p.star > now && !((p.rptPruned.get(source) ?? 0) > now);
  }

  /** The peers other than `except` that want (source, group) now. */
  peersFor(source: number, group: number, except: number, now: number): number[] {
    const peers = this.groups.get(group);
    if (!peers) return [];
    const out: number[] = [];
    for (const nbma of peers.keys()) if (nbma !== except && this.wants(nbma, source, group, now)) out.push(nbma);
    return out;
  }

  /** Counts a copy sent from one spoke to another. */
  countReplicated(n: number): void {
    this.counts.replicatedSpokeToSpoke += n;
  }

  /** Counts a copy of kernel multicast held back from a peer that had not joined. */
  countNotJoined(): void {
    this.counts.notJoined++;
  }

  /** Counters and the joins not expired, by group then NBMA address. */
  view(now: number): PimNbmaView {
    const joins: PimNbmaJoin[] = [];
    for (const [group, peers] of [...this.groups].sort((a, b) => a[0] - b[0])) {
      for (const [nbma, p] of [...peers].sort((a, b) => a[0] - b[0])) {
        const sources = [...p.sources].filter(([, t]) => t > now).map(([s]) => formatIpv4(s));
        const star = p.star > now ? Math.ceil((p.star - now) / 1000) : null;
        if (star === null && sources.length === 0) continue;
        joins.push({
          group: formatIpv4(group),
          nbma: formatIpv4(nbma),
          neighbor: formatIpv4(p.from),
          starExpiresSec: star === Number.POSITIVE_INFINITY ? null : star,
          sources,
        });
      }
    }
    return { ...this.counts, joins };
  }
}
