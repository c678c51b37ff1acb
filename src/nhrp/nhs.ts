/**
 * Registration client (RFC 2332 5.2.3; FRR nhrp_nhs): registers this router with its NHSs.
 *
 * Per NHS: send a Registration Request, retransmit with backoff (1, 2, 4 … 64 s) until a reply;
 * three unanswered transmissions mark the NHS down. A retransmission keeps the request ID of the
 * attempt (as IOS and FRR's nhrp_reqid do), so a late reply to the first transmission answers it,
 * and the reply to a retransmission that comes after it is a duplicate, not an unexpected reply. Once up, refresh every `registration timeout`
 * (else holdtime/3). Per cluster, `max-connections` NHSs are used, best priority first (0 best, then
 * configuration order); a down NHS that ranks better than one in use keeps being probed, and when it
 * answers again the router falls back to it and deregisters (Purge Request) from the worse one.
 * IOS does not jitter its registration timers and neither do we, except for the probes of an NHS
 * already marked down (±10%, from the injected `random`).
 */
import { CieCode, type NhrpPacket } from '../wire/nhrp/index.js';
import type { NhsClientState } from './actions.js';
import { nhsNbmaOf, registrationInterval, type NhsConfig } from './config.js';
import type { Ctx } from './context.js';
import { hostLength } from './prefix.js';
import { purgeRequest, registrationRequest } from './packets.js';
import type { TimerKey } from './timers.js';

/** Unanswered transmissions before an NHS is declared down. */
const MAX_UNANSWERED = 3;
const MAX_BACKOFF_MS = 64_000;

/** One configured NHS and our registration with it. */
export class NhsClient {
  state: NhsClientState = 'down';
  /** Whether it answered lately: unknown until tried, no after MAX_UNANSWERED silent tries. */
  reachable: 'unknown' | 'yes' | 'no' = 'unknown';
  /** In use: we keep a registration with it. */
  active = false;
  /** Not in use but probed, because it is down and ranks better than one in use. */
  background = false;
  /** A request is out and unanswered. */
  waiting = false;
  /** Unanswered transmissions in a row. */
  attempt = 0;
  /** Request ID of the registration attempt under way (kept by its retransmissions). */
  pendingId?: number;
  /** Request ID of the last attempt answered: further replies to it are duplicates. */
  answeredId?: number;
  registeredUntil?: number;
  requestsSent = 0;
  requestsFailed = 0;
  repliesReceived = 0;
  lastReplyAt?: number;
  /** Our NBMA address as this NHS saw it, when NAT changed it (Cisco NAT extension). */
  natOutside?: string;
  /** CIE code of the last refused registration (14 unique address registered, 4 prohibited…). */
  lastErrorCode?: number;
  /** Code of the last Error Indication about our registration (11 authentication failure…). */
  lastErrorIndication?: number;

  constructor(
    readonly cfg: NhsConfig,
    readonly nbma: string | undefined,
    /** Position in the configuration: breaks priority ties. */
    public order: number,
  ) {}

  /** The registration timer of this NHS. */
  get timer(): TimerKey {
    return { kind: 'nhs-register', nhs: this.cfg.protocol };
  }
}

/** The registration client: every configured NHS and our registration with each (FRR nhrp_nhs). */
export class NhsClients {
  private list: NhsClient[] = [];
  private byProtocol = new Map<string, NhsClient>();

  constructor(private readonly ctx: Ctx) {}

  get clients(): readonly NhsClient[] {
    return this.list;
  }

  /** (Re)builds the NHS list from the configuration, keeping the state of NHSs that stay. */
  configure(): void {
    const cfg = this.ctx.cfg;
    const next: NhsClient[] = [];
    cfg.nhs.forEach((n, i) => {
      const nbma = nhsNbmaOf(cfg, n);
      const old = this.byProtocol.get(n.protocol);
      if (old && old.nbma === nbma) {
        Object.assign(old.cfg, n);
        old.order = i;
        next.push(old);
      } else {
        if (old) this.release(old);
        next.push(new NhsClient({ ...n }, nbma, i));
      }
    });
    for (const old of this.list) if (!next.includes(old)) this.release(old);
    this.list = next;
    this.byProtocol = new Map(next.map((n) => [n.cfg.protocol, n]));
    this.reselect();
  }

  /** Interface going down: deregister from every NHS and stop. */
  stop(): void {
    for (const n of this.list) this.release(n);
  }

  /** The NHS to send through when a destination is not resolved: the best one up, else in use. */
  nhsNbma(): string | undefined {
    let best: NhsClient | undefined;
    let bestScore = 3;
    for (const n of this.list) {
      if (n.nbma === undefined) continue;
      const score = n.state === 'up' ? 0 : n.active ? 1 : 2;
      if (score < bestScore || (score === bestScore && best && rank(n, best) < 0)) {
        best = n;
        bestScore = score;
      }
    }
    return best?.nbma;
  }

  /** Whether tunnel address `protocol` is one of our NHSs and is not in service (marked down or not used). */
  nhsDown(protocol: string): boolean {
    const n = this.byProtocol.get(protocol);
    return n !== undefined && n.state === 'down';
  }

  /** Whether `nbma` is one of our NHSs. */
  isNhs(nbma: string): boolean {
    return this.list.some((n) => n.nbma === nbma);
  }

  /** Timer `nhs-register` fired: refresh, or retransmit an unanswered request. */
  onTimer(protocol: string): void {
    const n = this.byProtocol.get(protocol);
    if (!n || (!n.active && !n.background)) return;
    const ctx = this.ctx;
    if (!n.waiting) {
      n.attempt = 0;
      ctx.timers.set(n.timer, ctx.now + 1000);
      this.transmit(n);
      return;
    }
    n.requestsFailed++;
    n.attempt++;
    let delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** n.attempt);
    // Probes of an NHS already marked down get ±10% jitter, so that thousands of spokes do not
    // hit a hub that comes back in lockstep.
    if (n.reachable === 'no') delay *= 0.9 + 0.2 * ctx.random();
    ctx.timers.set(n.timer, ctx.now + delay);
    if (n.attempt >= MAX_UNANSWERED && n.reachable !== 'no') {
      n.reachable = 'no';
      ctx.event(`NHS ${n.cfg.protocol} (${n.nbma}) not responding, marked down`);
      this.setState(n, 'down');
      this.reselect();
    }
    if (n.active || n.background) this.transmit(n);
  }

  /**
   * A Registration Reply (RFC 2332 5.2.4) for one of our requests. False when it answers none
   * (an unexpected reply); a second reply to an attempt already answered is ignored.
   */
  onReply(p: NhrpPacket): boolean {
    const ctx = this.ctx;
    const n = this.byProtocol.get(p.dstProto);
    if (!n || p.srcProto !== ctx.cfg.protocolAddress) return false;
    if (p.requestId === n.answeredId && n.pendingId !== p.requestId) {
      ctx.event(() => `Duplicate Registration Reply from NHS ${n.cfg.protocol}, id ${p.requestId >>> 0}: ignored`);
      return true;
    }
    if (p.requestId !== n.pendingId) return false;
    n.lastReplyAt = ctx.now;
    n.repliesReceived++;
    n.answeredId = n.pendingId;
    n.pendingId = undefined;
    n.reachable = 'yes';
    const cie = p.cies[0];
    if (!cie || cie.code !== CieCode.Success) {
      // Refused (RFC 2332 5.2.4 codes: 14 unique address registered, 4 prohibited…): counted as an
      // unanswered attempt, so the retransmit timer backs off and a persistent refusal fails over.
      n.lastErrorCode = cie?.code;
      n.waiting = true;
      ctx.event(`Registration with NHS ${n.cfg.protocol} refused, code ${cie?.code ?? 'none'}`);
      ctx.out.push({ kind: 'registrationRefused', nhs: n.cfg.protocol, nbma: n.nbma ?? '', code: cie?.code ?? 0 });
      return true;
    }
    n.lastErrorCode = undefined;
    n.waiting = false;
    n.attempt = 0;
    const hold = Math.min(cie.holdingTime || ctx.cfg.holdtime, ctx.cfg.holdtime);
    n.registeredUntil = ctx.now + hold * 1000;
    n.natOutside = natOutside(p, ctx.cfg.protocolAddress, ctx.cfg.nbmaAddress);
    this.setState(n, 'up');
    ctx.timers.set(n.timer, ctx.now + registrationInterval(ctx.cfg, hold) * 1000);
    this.reselect();
    return true;
  }

  /** An Error Indication (RFC 2332 5.2.7) about one of our Registration Requests: remember its code. */
  onError(requestId: number, code: number): void {
    for (const n of this.list)
      if (n.pendingId === requestId || n.answeredId === requestId) n.lastErrorIndication = code;
  }

  /** Chooses, per cluster, which NHSs to register with (see the file comment). */
  reselect(): void {
    const ctx = this.ctx;
    const clusters = new Map<number, NhsClient[]>();
    for (const n of this.list) {
      const c = clusters.get(n.cfg.cluster);
      if (c) c.push(n);
      else clusters.set(n.cfg.cluster, [n]);
    }
    for (const [cluster, members] of clusters) {
      const max = ctx.cfg.clusterMaxConnections.find((m) => m.cluster === cluster)?.maxConnections ?? Infinity;
      const ranked = [...members].sort(rank);
      const chosen: NhsClient[] = [];
      for (const n of ranked) if (chosen.length < max && n.nbma !== undefined && n.reachable !== 'no') chosen.push(n);
      const worst = chosen.length < max ? Infinity : ranked.indexOf(chosen[chosen.length - 1]);
      ranked.forEach((n, i) => {
        if (chosen.includes(n)) {
          n.background = false;
          if (!n.active) {
            n.active = true;
            if (n.state !== 'up') this.begin(n);
          }
        } else if (n.nbma !== undefined && n.reachable === 'no' && i < worst) {
          // Down, but better than one in use: keep probing it (with its current backoff) to fall back.
          n.active = false;
          if (!n.background) {
            n.background = true;
            this.setState(n, 'down');
            if (ctx.timers.when(n.timer) === undefined) this.begin(n);
          }
        } else if (n.active || n.background) {
          this.release(n);
        }
      });
    }
  }

  /** Starts registering with `n` now. */
  private begin(n: NhsClient): void {
    const ctx = this.ctx;
    if (n.active) this.setState(n, 'probe');
    n.attempt = 0;
    ctx.timers.set(n.timer, ctx.now + 1000);
    this.transmit(n);
  }

  /** Stops using `n`; deregisters (RFC 2332 5.2.5: a client may purge its own registration). */
  private release(n: NhsClient): void {
    const ctx = this.ctx;
    if (n.state === 'up' && n.nbma !== undefined) {
      ctx.event(`Deregistering from NHS ${n.cfg.protocol}`);
      const self = [{ protocol: ctx.cfg.protocolAddress, prefixLength: hostLength(ctx.cfg.protocolAddress) }];
      // IPv6: the link-local address was registered too
      if (ctx.cfg.linkLocal !== undefined) self.push({ protocol: ctx.cfg.linkLocal, prefixLength: 128 });
      ctx.send(n.nbma, purgeRequest(ctx, n.cfg.protocol, self, true, ctx.requestId()));
    }
    n.active = false;
    n.background = false;
    n.waiting = false;
    n.pendingId = undefined;
    n.registeredUntil = undefined;
    ctx.timers.clear(n.timer);
    this.setState(n, 'down');
  }

  private transmit(n: NhsClient): void {
    const ctx = this.ctx;
    if (n.nbma === undefined) return;
    // A retransmission keeps the attempt's request ID; a new attempt (first try, refresh, retry
    // after a refusal) takes a fresh one.
    const id = n.pendingId ?? ctx.requestId();
    n.pendingId = id;
    n.waiting = true;
    n.requestsSent++;
    ctx.send(n.nbma, registrationRequest(ctx, { protocol: n.cfg.protocol, nbma: n.nbma }, id));
  }

  private setState(n: NhsClient, state: NhsClientState): void {
    if (n.state === state) return;
    const was = n.state;
    n.state = state;
    const ctx = this.ctx;
    ctx.out.push({ kind: 'nhsState', nhs: n.cfg.protocol, nbma: n.nbma ?? '', state });
    if (state === 'up' && n.nbma !== undefined) ctx.cache.ref(n.nbma, n.cfg.protocol);
    if (was === 'up' && n.nbma !== undefined) ctx.cache.unref(n.nbma);
    ctx.event(() => `NHS ${n.cfg.protocol} ${was} -> ${state}`);
  }
}

/** Better priority (lower number) first, then configuration order. */
function rank(a: NhsClient, b: NhsClient): number {
  return a.cfg.priority - b.cfg.priority || a.order - b.order;
}

/** The spoke's outside address from the NAT extension of a Registration Reply, if NAT changed it. */
function natOutside(p: NhrpPacket, self: string, selfNbma: string): string | undefined {
  for (const e of p.extensions) {
    if (e.type !== 'ciscoNat') continue;
    for (const c of e.cies) if (c.protocolAddress === self && c.nbmaAddress !== selfNbma) return c.nbmaAddress;
  }
  return undefined;
}
