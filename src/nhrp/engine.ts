/**
 * NhrpEngine: the NHRP protocol of one DMVPN tunnel interface as a pure state machine — no sockets,
 * no timers, no clock of its own. The same code runs in dmvpnd, in unit tests with a fake clock and
 * in the simulator with thousands of engines.
 *
 * API (the contract dmvpnd is built on):
 *
 *   const engine = new NhrpEngine(config, { routes, random?, debug? })
 *     config  NhrpEngineConfig or NhrpEngineConfigInput (./config.ts; IOS defaults filled in).
 *             Role: `isNhs` (accepts registrations) defaults to "no NHS configured".
 *     routes  RouteLookup (./routes.ts): pure, synchronous `(dst) => local | tunnel | other | undefined`.
 *     random  () => number in [0, 1) (default Math.random): jitter of the probes of a down NHS.
 *     debug   emit `event` actions, the `debug nhrp` text (default true; the simulator turns it off).
 *
 *   Inputs — every one returns Action[] (./actions.ts) for the driver to carry out in order; `now` is
 *   milliseconds on any monotonic clock, never going backwards:
 *     receive(now, nhrpBytes, fromNbma)       an NHRP packet (GRE payload, protocol 0x2001) and the
 *                                             NBMA address it came from (after NAT)
 *     tick(now)                               run every timer due; call at nextDeadline()
 *     nextDeadline(): number | undefined      when tick must next be called (the driver keeps one
 *                                             timer); re-read it after every input. Before the first
 *                                             input it is 0: the engine starts on its first call.
 *     configure(now, newConfig)               a live change: redirect/shortcut on/off, NHSs added or
 *                                             removed, static maps, `shutdown` (deregister, purge,
 *                                             flush) and `no shutdown` (start again)
 *     nextHopUnknown(now, tunnelAddr)         Phase 2: no binding for a tunnel next hop → resolve it
 *                                             (meanwhile send via nhsNbma(), as IOS does)
 *     hairpin(now, { fromNbma, ipPacketHead }) hub: a packet came in from the tunnel and leaves by it
 *                                             again (IP header + 8 bytes) → Traffic Indication,
 *                                             rate-limited, when `ip nhrp redirect` is on
 *     used(now, tunnelAddr | 'a.b.c.d/len')   data went via this binding/shortcut (keeps it fresh);
 *                                             cheap enough to call per packet; a
 *                                             shortcut's next hop counts for the shortcuts through it;
 *                                             a binding used past its refresh point is refreshed at
 *                                             once (the actions are that Resolution Request)
 *     purge(now, prefix, prefixLength)        a network of ours went away: Purge Request to everyone
 *                                             who resolved it
 *     clear(now)                              `clear ip nhrp`: drop every non-static entry
 *
 *   Queries for the data plane (no actions): nbmaFor(tunnelAddr), nhsNbma(), multicastTargets().
 *   State for show commands: snapshot(now) → NhrpSnapshot (./snapshot.ts), plain JSON.
 *
 * Inside (FRR nhrpd's split): peer validation and dispatch here; nhs.ts registration client;
 * server.ts registration server; resolve.ts resolution (requester); respond.ts answering and
 * forwarding Resolution Requests; redirect.ts Phase 3 Traffic Indication; purge.ts; indication.ts
 * Error Indication; cache.ts; timers.ts; packets.ts builders.
 */
import { afnOf, decodeNhrp, ErrorCode, NhrpType, tryDecode, type NhrpPacket } from '../wire/index.js';
import type { Action } from './actions.js';
import { NhrpCache } from './cache.js';
import { resolveConfig, type NhrpEngineConfig, type NhrpEngineConfigInput } from './config.js';
import { Ctx } from './context.js';
import { extensionOffset, Indications } from './indication.js';
import { hostLength } from './prefix.js';
import { NhsClients } from './nhs.js';
import { Purges } from './purge.js';
import { Redirects } from './redirect.js';
import { Resolver } from './resolve.js';
import { Responder } from './respond.js';
import type { RouteLookup } from './routes.js';
import { RegistrationServer } from './server.js';
import { buildSnapshot, type NhrpSnapshot } from './snapshot.js';
import { fireTimer, type TimerHandlers } from './timers.js';

export interface NhrpEngineDeps {
  routes: RouteLookup;
  random?: () => number;
  /** Emit `event` actions (debug nhrp text). Default true; the simulator turns it off. */
  debug?: boolean;
}

type Handler = (p: NhrpPacket, fromNbma: string, bytes: Uint8Array) => void;

export class NhrpEngine {
  private readonly ctx: Ctx;
  private readonly nhsClients: NhsClients;
  private readonly server: RegistrationServer;
  private readonly resolver: Resolver;
  private readonly responder: Responder;
  private readonly redirects: Redirects;
  private readonly purges: Purges;
  private readonly indications: Indications;
  /** RFC 2332 5.2 packet types → handler (FRR nhrp_peer's packet type table). */
  private readonly handlers: Record<number, Handler>;
  /** Timer kinds → handler (FRR's event_add_timer callbacks). */
  private readonly timerHandlers: TimerHandlers;
  private started = false;

  constructor(config: NhrpEngineConfig | NhrpEngineConfigInput, deps: NhrpEngineDeps) {
    const ctx = new Ctx(resolveConfig(config), deps.routes, deps.random ?? Math.random, deps.debug ?? true);
    ctx.cache = new NhrpCache(ctx);
    this.ctx = ctx;
    this.nhsClients = new NhsClients(ctx);
    this.server = new RegistrationServer(ctx);
    this.indications = new Indications(ctx, (id, code) => this.nhsClients.onError(id, code));
    this.resolver = new Resolver(
      ctx,
      () => this.nhsClients.nhsNbma(),
      (a) => this.nhsClients.nhsDown(a),
    );
    this.responder = new Responder(ctx, {
      nhsNbma: () => this.nhsClients.nhsNbma(),
      sendError: (p, bytes, to, code, offset) => this.indications.send(p, bytes, to, code, offset),
    });
    this.redirects = new Redirects(ctx, this.resolver);
    this.purges = new Purges(ctx, this.responder, (nbma) => this.nhsClients.isNhs(nbma));
    this.handlers = {
      [NhrpType.ResolutionRequest]: (p, from, bytes) => this.responder.onRequest(p, from, bytes),
      [NhrpType.ResolutionReply]: (p, from) => this.resolver.onReply(p, from),
      [NhrpType.RegistrationRequest]: (p, from) => this.server.onRequest(p, from),
      [NhrpType.RegistrationReply]: (p) => {
        if (!this.nhsClients.onReply(p)) ctx.counters.drop('unexpectedReply');
      },
      [NhrpType.PurgeRequest]: (p, from) => this.purges.onRequest(p, from),
      [NhrpType.PurgeReply]: (p) => this.purges.onReply(p),
      [NhrpType.ErrorIndication]: (p, from) => this.indications.onIndication(p, from),
      [NhrpType.TrafficIndication]: (p, from) => this.redirects.onIndication(p, from),
    };
    this.timerHandlers = {
      'nhs-register': (t) => this.nhsClients.onTimer(t.nhs),
      'cache-expire': (t) => ctx.cache.expire(t.entry),
      'resolve-refresh': (t) => this.resolver.onRefresh(t.entry),
      'resolve-retry': (t) => this.resolver.onRetry(t.dst),
      'purge-retry': (t) => this.purges.onRetry(t.requestId),
    };
  }

  /** The configuration in force. */
  get config(): NhrpEngineConfig {
    return this.ctx.cfg;
  }

  receive(now: number, nhrpBytes: Uint8Array, fromNbma: string): Action[] {
    return this.run(now, () => this.dispatch(nhrpBytes, fromNbma));
  }

  tick(now: number): Action[] {
    return this.run(now, () => this.runTimers());
  }

  nextDeadline(): number | undefined {
    return this.started ? this.ctx.timers.next() : 0;
  }

  configure(now: number, newConfig: NhrpEngineConfig | NhrpEngineConfigInput): Action[] {
    return this.run(now, () => this.reconfigure(resolveConfig(newConfig)));
  }

  nextHopUnknown(now: number, tunnelAddr: string): Action[] {
    return this.run(now, () => {
      if (this.enabled()) this.resolver.resolve(tunnelAddr, 'next hop unknown');
    });
  }

  hairpin(now: number, pkt: { fromNbma: string; ipPacketHead: Uint8Array }): Action[] {
    return this.run(now, () => {
      if (this.enabled()) this.redirects.onHairpin(pkt.fromNbma, pkt.ipPacketHead);
    });
  }

  used(now: number, target: string): Action[] {
    return this.run(now, () => {
      const cache = this.ctx.cache;
      const slash = target.indexOf('/');
      const e = slash >= 0 ? cache.byKey(target) : (cache.host(target) ?? cache.longest(target));
      if (!e) return;
      if (slash < 0 && e.protocol === target) {
        for (const x of cache.touchVia(e)) this.resolver.onUse(x);
      } else {
        cache.touch(e);
        this.resolver.onUse(e);
      }
    });
  }

  purge(now: number, prefix: string, prefixLength: number): Action[] {
    return this.run(now, () => this.purges.purgeServed(prefix, prefixLength));
  }

  clear(now: number): Action[] {
    return this.run(now, () => this.flush(false));
  }

  nbmaFor(tunnelAddr: string): string | undefined {
    return this.ctx.cache.nbmaFor(tunnelAddr);
  }

  nhsNbma(): string | undefined {
    return this.nhsClients.nhsNbma();
  }

  multicastTargets(): string[] {
    const m = this.ctx.cfg.multicast;
    if (!m.dynamic) return [...m.static];
    return [...new Set([...m.static, ...this.server.registered()])];
  }

  snapshot(now: number): NhrpSnapshot {
    this.ctx.now = now;
    return buildSnapshot(this.ctx, this.nhsClients, this.resolver.pendingCount, this.redirects.usagePercent());
  }

  /** Sets the clock, starts the engine on its first input, collects the actions `fn` produces. */
  private run(now: number, fn: () => void): Action[] {
    const ctx = this.ctx;
    ctx.now = now;
    ctx.out = [];
    if (!this.started) {
      this.started = true;
      if (this.enabled()) this.start();
    }
    fn();
    const out = ctx.out;
    ctx.out = [];
    return out;
  }

  private enabled(): boolean {
    return this.ctx.cfg.networkId > 0 && !this.ctx.cfg.shutdown;
  }

  private start(): void {
    this.installStatics();
    this.nhsClients.configure();
  }

  /** `ip nhrp map` entries, and `ip nhrp nhs X nbma Y` as an implied map. */
  private installStatics(): void {
    const ctx = this.ctx;
    const want = new Map<string, { protocol: string; prefixLength: number; nbma: string }>();
    for (const m of ctx.cfg.staticMaps) {
      const prefixLength = m.prefixLength ?? hostLength(m.protocol);
      want.set(`${m.protocol}/${prefixLength}`, { protocol: m.protocol, prefixLength, nbma: m.nbma });
    }
    for (const n of ctx.cfg.nhs) {
      const key = `${n.protocol}/${hostLength(n.protocol)}`;
      if (n.nbma !== undefined && !want.has(key))
        want.set(key, { protocol: n.protocol, prefixLength: hostLength(n.protocol), nbma: n.nbma });
    }
    for (const e of [...ctx.cache.entries()])
      if (e.origin === 'static' && !want.has(e.key)) ctx.cache.remove(e, 'unconfigured');
    for (const m of want.values()) ctx.cache.put({ ...m, type: 'static', origin: 'static', via: m.protocol });
  }

  private reconfigure(next: NhrpEngineConfig): void {
    const ctx = this.ctx;
    const was = this.enabled();
    const old = ctx.cfg;
    ctx.cfg = next;
    const on = this.enabled();
    if (!this.started) return;
    if (was && !on) {
      ctx.event('Interface down: deregistering, purging, flushing the cache');
      this.nhsClients.stop();
      this.purges.purgeServed(undefined, undefined, true);
      this.flush(true);
      return;
    }
    if (!on) return;
    if (!was) {
      this.start();
      return;
    }
    this.installStatics();
    this.nhsClients.configure();
    if (old.shortcut && !next.shortcut) {
      for (const e of [...ctx.cache.entries()])
        if (e.route) ctx.cache.put({ ...e, flags: [...e.flags].filter((f) => f !== 'rib'), route: undefined });
    }
  }

  /** Drops learned entries (all entries when the interface goes down). */
  private flush(all: boolean): void {
    const ctx = this.ctx;
    this.resolver.reset();
    this.responder.reset();
    this.purges.reset();
    for (const e of [...ctx.cache.entries()]) {
      if (all || e.origin !== 'static') ctx.cache.remove(e, all ? 'interface down' : 'cleared');
    }
  }

  /** Fires every timer due now, earliest first (each handler re-arms only in the future). */
  private runTimers(): void {
    const timers = this.ctx.timers;
    for (let t = timers.pop(this.ctx.now); t !== undefined; t = timers.pop(this.ctx.now))
      fireTimer(this.timerHandlers, t);
  }

  /** RFC 2332 5.2 receive path: validate once at the edge, count, drop with one reason, dispatch. */
  private dispatch(bytes: Uint8Array, fromNbma: string): void {
    const ctx = this.ctx;
    const cfg = ctx.cfg;
    if (cfg.networkId <= 0) return ctx.counters.drop('nhrpDisabled');
    if (cfg.shutdown) return ctx.counters.drop('shutdown');
    const d = tryDecode(() => decodeNhrp(bytes, { verifyChecksum: true }));
    if (!d.ok) {
      ctx.event(() => `Dropped packet from ${fromNbma}: ${d.error.message}`);
      const code = d.error.code;
      return ctx.counters.drop(
        code === 'BAD_CHECKSUM' ? 'badChecksum' : code === 'BAD_VERSION' ? 'badVersion' : 'malformed',
      );
    }
    const p = d.value;
    const handler = this.handlers[p.type];
    if (!handler) return ctx.counters.drop('unknownType');
    ctx.counters.countReceived(p.type);
    // ar$afn names the NBMA family (1 IPv4, 2 IPv6): it must be the tunnel's, as must ar$pro.type
    if (p.afn !== afnOf(cfg.nbmaAddress) || p.protocolType !== ctx.af.protocolType)
      return ctx.counters.drop('unsupportedProtocol');
    // RFC 2332 5.3.4: with authentication configured, a packet without the right one is dropped.
    if (cfg.authentication !== undefined) {
      const i = p.extensions.findIndex((e) => e.type === 'authentication');
      const a = p.extensions[i];
      if (a?.type !== 'authentication' || a.spi !== 1 || !sameText(a.data, cfg.authentication.slice(0, 8))) {
        ctx.counters.drop('authFailure');
        ctx.event(() => `Authentication failure from ${fromNbma} (${p.srcProto})`);
        this.indications.send(
          p,
          bytes,
          fromNbma,
          ErrorCode.AuthenticationFailure,
          i < 0 ? 0 : extensionOffset(bytes, i),
        );
        return;
      }
    }
    // RFC 2332 5.3: an unknown compulsory extension makes the packet unusable.
    const u = p.extensions.findIndex((e) => e.type === 'unknown' && e.compulsory);
    if (u >= 0) {
      ctx.counters.drop('unknownExtension');
      this.indications.send(p, bytes, fromNbma, ErrorCode.UnrecognizedExtension, extensionOffset(bytes, u));
      return;
    }
    handler(p, fromNbma, bytes);
  }
}

function sameText(data: Uint8Array, text: string): boolean {
  if (data.length !== text.length) return false;
  for (let i = 0; i < data.length; i++) if (data[i] !== text.charCodeAt(i)) return false;
  return true;
}
