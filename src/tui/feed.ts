/**
 * The open lab's live feed: polls every router's show commands (JSON) at a bounded rate, follows every
 * router's `debug nhrp` stream, and turns both into store actions. Talks to routers only through their
 * control sockets (the router's public API client, as the lab does).
 */
import { faultsInForce, readEvents, type LabEvent } from '../lab/faults/events.js';
import { rssKb } from '../lab/process.js';
import { controlJson, sendControl } from '../node/api/index.js';
import { routerProcess } from '../lab/router.js';
import type { LabState, NodeState } from '../lab/state.js';
import { parseDebugLine } from './debug-events.js';
import { debugStream, type DebugStream } from './debug-stream.js';
import type { TuiEvent } from './model.js';
import { routerView, type RouterJson } from './router-view.js';
import type { Store } from './store.js';

/** How often things are read. */
export interface FeedRates {
  /** Show commands per router, ms between polls (default 1000, more for large labs). */
  pollMs?: number;
  /** Debug events are handed to the store in batches at most this often, ms (default 100). */
  batchMs?: number;
}

const SHOWS = ['show dmvpn', 'show ip nhrp', 'show ip route'];

/** Log lines of each router shown when the lab opens. */
const HISTORY = 30;

/** Drops the IOS code legend of `show ip route` (it says nothing about this lab). */
function trimRoute(text: string): string {
  const i = text.indexOf('\n\n');
  return /^Codes:/.test(text) && i >= 0 ? text.slice(i + 2) : text;
}

/** A fault of the lab's event log as an event of the pane. */
export function faultEvent(e: LabEvent, now: number): TuiEvent {
  const at = Date.parse(e.time);
  const text = `${e.action} ${e.target}${e.result === 'failed' ? ' FAILED' : ''}${e.message ? `: ${e.message}` : ''}`;
  return {
    at: Number.isNaN(at) ? now : at,
    received: now,
    node: e.target.split(':')[0] ?? e.target,
    kind: 'fault',
    text,
  };
}

/** Each node with a link down or silent (a down link wins), from the lab's event log. */
export function linkFaults(events: LabEvent[]): Record<string, 'down' | 'silent'> {
  const f = faultsInForce(events);
  const out: Record<string, 'down' | 'silent'> = {};
  const nodes = (link: string): string[] => link.split(/\s+/).map((end) => end.split(':')[0]!);
  for (const l of f.silent) for (const n of nodes(l)) out[n] = 'silent';
  for (const l of f.down) for (const n of nodes(l)) out[n] = 'down';
  return out;
}

/** Follows one lab until stop(). */
export class LabFeed {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly streams = new Map<string, DebugStream>();
  private pending: TuiEvent[] = [];
  private stopped = false;
  private readonly last = new Map<string, string>();
  private readonly rounds = new Map<string, number>();
  private readonly interfaces = new Map<string, unknown>();

  constructor(
    private readonly state: LabState,
    private readonly store: Store,
    private readonly rates: FeedRates = {},
  ) {}

  /** Starts polling and following. */
  start(): void {
    const routers = this.state.nodes.filter((n) => n.control);
    // about 20 routers a second at most: 1 Hz up to 20 routers, slower beyond
    const pollMs = this.rates.pollMs ?? Math.max(1000, routers.length * 50);
    routers.forEach((n, i) => {
      void this.history(n);
      void this.poll(n);
      this.follow(n);
      const later = setTimeout(
        () => this.timers.push(setInterval(() => void this.poll(n), pollMs)),
        (i * pollMs) / routers.length,
      );
      this.timers.push(later);
    });
    this.timers.push(setInterval(() => this.flush(), this.rates.batchMs ?? 100));
    this.timers.push(setInterval(() => void this.pollShows(), 1000));
    this.faultsSeen = readEvents(this.state).length;
    this.timers.push(setInterval(() => this.pollFaults(), 500));
  }

  private faultsSeen = 0;
  private faultsKnown = false;

  /** Faults recorded in the lab's events.jsonl (from the TUI or any `dmvpn-lab stop|link …`) join the events. */
  private pollFaults(): void {
    const all = readEvents(this.state);
    const fresh = all.slice(this.faultsSeen);
    this.faultsSeen = all.length;
    if (fresh.length === 0 && this.faultsKnown) return;
    this.faultsKnown = true;
    this.pending.push(...fresh.map((e) => faultEvent(e, Date.now())));
    this.store.dispatch({ type: 'linkFaults', faults: linkFaults(all) });
  }

  /** Stops every timer and stream. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const s of this.streams.values()) s.close();
    this.streams.clear();
  }

  /** The router's log buffer (`show logging`), so the pane opens on what happened before. */
  private async history(n: NodeState): Promise<void> {
    try {
      const json = (await controlJson(n.control!, 'show logging', 2000)) as { lines?: unknown };
      const lines = Array.isArray(json.lines) ? json.lines.filter((l): l is string => typeof l === 'string') : [];
      const now = Date.now();
      this.pending.push(...lines.slice(-HISTORY).flatMap((l) => parseDebugLine(n.name, l, now) ?? []));
    } catch {
      // a router without a log buffer (or not answering yet) opens with an empty history
    }
  }

  private async poll(n: NodeState): Promise<void> {
    if (this.stopped) return;
    const p = routerProcess(n);
    const base = { running: p.running, ...(p.pid !== undefined ? { pid: p.pid, rssKb: rssKb(p.pid) } : {}) };
    const json: RouterJson = {};
    let error: string | undefined;
    if (p.running) {
      try {
        json.dmvpn = await controlJson(n.control!, 'show dmvpn', 2000);
        json.nhs = await controlJson(n.control!, 'show ip nhrp nhs', 2000);
        // counters change with traffic only: every third poll (and the first)
        const round = (this.rounds.get(n.name) ?? 0) + 1;
        this.rounds.set(n.name, round);
        if (round % 3 === 1) this.interfaces.set(n.name, await controlJson(n.control!, 'show interfaces', 2000));
        json.interfaces = this.interfaces.get(n.name);
      } catch (e) {
        error = (e as Error).message;
      }
    }
    if (this.stopped) return;
    const view = routerView(json, base, Date.now());
    if (error !== undefined) view.error = error;
    const key = JSON.stringify({ ...view, updatedAt: 0, rssKb: Math.round((view.rssKb ?? 0) / 1024) });
    if (this.last.get(n.name) === key) return;
    this.last.set(n.name, key);
    this.store.dispatch({ type: 'router', node: n.name, view });
    if (p.running && !this.streams.has(n.name)) this.follow(n);
  }

  private follow(n: NodeState): void {
    if (this.stopped || this.streams.has(n.name)) return;
    const s = debugStream(n.control!, (line) => {
      const e = parseDebugLine(n.name, line, Date.now());
      if (e) this.pending.push(e);
    });
    this.streams.set(n.name, s);
    const again = (): void => {
      if (this.streams.get(n.name) === s) this.streams.delete(n.name);
    };
    s.done.then(again, again);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const events = this.pending.sort((a, b) => a.at - b.at);
    this.pending = [];
    this.store.dispatch({ type: 'events', events });
  }

  /** The node pane's show commands, for the selected router, only while the pane is on screen. */
  private async pollShows(): Promise<void> {
    const s = this.store.get();
    if (s.screen !== 'lab' || s.detail !== 'node') return;
    const node = this.state.nodes.find((x) => x.name === s.lab?.nodes[s.nodeCursor]?.name);
    if (!node) return;
    if (!node.control) {
      this.store.dispatch({
        type: 'shows',
        node: node.name,
        text: [`${node.name} is a ${node.kind} node: no router CLI.`],
      });
      return;
    }
    const parts = await Promise.all(
      SHOWS.map((c) =>
        sendControl(node.control!, c, [], undefined, 2000).then(
          (t) => `${node.name}# ${c}\n${c === 'show ip route' ? trimRoute(t) : t}`,
          (e: Error) => `${node.name}# ${c}\n% ${e.message}`,
        ),
      ),
    );
    if (!this.stopped) this.store.dispatch({ type: 'shows', node: node.name, text: parts.join('\n').split('\n') });
  }
}
