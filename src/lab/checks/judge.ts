/**
 * Deciding from a pair run which phase the spokes behaved as. Phase 1: data via the hub, no
 * resolution. Phase 2: Resolution Request/Reply, then data directly between the spokes. Phase 3:
 * data via the hub, a Traffic Indication from the hub, a resolution, a shortcut route, direct data.
 */
import type { Evidence, Figure } from './model.js';
import { cite, echoCount, gapMs, where } from './evidence.js';
import type { PairRun } from './observe.js';

/** A verdict on one pair: pass or fail, one line why, figures and evidence. */
export interface Verdict {
  ok: boolean;
  reason: string;
  figures: Record<string, Figure>;
  evidence: Evidence[];
}

function evidenceOf(r: PairRun): Evidence[] {
  return [
    ...cite('first echo request (spoke to hub)', [r.viaHub[0]]),
    ...cite('the same echo forwarded by the hub', [r.hubForward]),
    ...cite('Traffic Indication from the hub', [r.indication]),
    ...cite('Resolution Request (first hop, and as the hub forwarded it)', [r.request, r.requestForward]),
    ...cite('Resolution Reply', [r.reply]),
    ...cite('first data packet directly between the spokes', [r.direct[0]]),
  ];
}

function figuresOf(r: PairRun): Record<string, Figure> {
  return {
    sent: r.ping.sent,
    lost: r.ping.lost,
    viaHubPackets: echoCount(r.viaHub),
    directPackets: echoCount(r.direct),
    /** First echo on the Internet to the first direct one. */
    setupMs: gapMs(r.first, r.direct[0]),
    indicationMs: gapMs(r.first, r.indication),
    resolutionMs: gapMs(r.request, r.reply),
    shortcutRoute: r.shortcut
      ? `${r.shortcut.prefix}/${r.shortcut.prefixLength} via ${r.shortcut.nextHop ?? '?'}`
      : null,
    holdingTimeSec: r.reply?.nhrp?.cies[0]?.holdingTime ?? null,
  };
}

const names = (r: PairRun) => `${r.ha.name}→${r.hb.name}`;

function phase1(r: PairRun): string | undefined {
  if (r.direct.length > 0)
    return `data went directly ${r.a.name}→${r.b.name} (${where(r.direct[0]!)}), not via the hub`;
  if (r.request) return `${r.a.name} sent a Resolution Request (${where(r.request)}); Phase 1 spokes do not resolve`;
  if (r.viaHub.length === 0)
    return `no echo ${names(r)} crossed the Internet (${r.ping.received}/${r.ping.sent} replies)`;
  if (!r.hubForward) return `the hub got ${echoCount(r.viaHub)} echoes ${names(r)} but forwarded none to ${r.b.name}`;
  return undefined;
}

function phase2(r: PairRun): string | undefined {
  if (!r.request)
    return `${r.a.name} sent no Resolution Request for ${r.b.name}${r.viaHub.length > 0 ? ': data stayed on the hub path' : ''}`;
  if (!r.reply) return `${r.a.name}'s Resolution Request (${where(r.request)}) got no Reply from ${r.b.name}`;
  if (r.direct.length === 0) return `resolved (${where(r.reply)}) but no data went directly ${r.a.name}→${r.b.name}`;
  return undefined;
}

function phase3(r: PairRun): string | undefined {
  if (r.viaHub.length === 0 && r.direct.length > 0)
    return `the first echo already went directly ${r.a.name}→${r.b.name} (${where(r.direct[0]!)}): a shortcut existed before`;
  if (r.viaHub.length === 0)
    return `no echo ${names(r)} crossed the Internet (${r.ping.received}/${r.ping.sent} replies)`;
  if (!r.indication)
    return `the hub forwarded ${echoCount(r.viaHub)} echoes but sent no Traffic Indication to ${r.a.name}`;
  if (!r.request) return `${r.a.name} got a Traffic Indication (${where(r.indication)}) but sent no Resolution Request`;
  if (!r.reply) return `${r.a.name}'s Resolution Request (${where(r.request)}) got no Reply from ${r.b.name}`;
  // A tunnel address is on the tunnel's own subnet: the resolved NHRP entry carries it, no shortcut route is installed.
  if (!r.shortcut && r.hb.via !== 'tunnel')
    return `resolved (${where(r.reply)}) but ${r.a.name} has no NHRP shortcut route (H) to ${r.hb.address}`;
  if (r.direct.length === 0)
    return r.shortcut
      ? `shortcut ${r.shortcut.prefix}/${r.shortcut.prefixLength} installed but no data went directly ` +
          `${r.a.name}→${r.b.name}`
      : `resolved (${where(r.reply)}) but no data went directly ${r.a.name}→${r.b.name}`;
  return undefined;
}

/** The shortcut a Phase 3 pair got: its route, or the resolved tunnel address (on-link, no route). */
function shortcutText(r: PairRun): string {
  return r.shortcut
    ? `shortcut ${r.shortcut.prefix}/${r.shortcut.prefixLength} via ${r.shortcut.nextHop ?? '?'}`
    : `${r.hb.address} resolved on the tunnel subnet (no shortcut route needed)`;
}

/** Judges a pair run against the phase its configs say. */
export function judgePhase(r: PairRun, phase: 1 | 2 | 3): Verdict {
  const why = phase === 1 ? phase1(r) : phase === 2 ? phase2(r) : phase3(r);
  const figures = figuresOf(r);
  const evidence = evidenceOf(r);
  if (why !== undefined) return { ok: false, reason: `Phase ${phase} expected: ${why}`, figures, evidence };
  const reason =
    phase === 1
      ? `Phase 1: ${echoCount(r.viaHub)} echoes ${names(r)} crossed the hub, no resolution, nothing direct`
      : phase === 2
        ? `Phase 2: Resolution Request/Reply in ${figures.resolutionMs} ms, then data directly ${r.a.name}→${r.b.name} ${figures.setupMs} ms after the first packet`
        : `Phase 3: Traffic Indication ${figures.indicationMs} ms after the first packet, resolution, ` +
          `${shortcutText(r)}, ` +
          `first direct packet after ${figures.setupMs} ms`;
  return { ok: true, reason, figures, evidence };
}
