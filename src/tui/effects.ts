/**
 * Carries out the TUI's intents with the lab's public API: bring labs up and down, open one (start its
 * feed), run checks, faults, the router CLI, decode evidence. Every outcome comes back as store actions.
 * The heavy parts (up, down, checks) are imported when first used, so the first frame comes sooner.
 */
import { findLab, type LabState } from '../lab/state.js';
import { CaptureReader, decodeFrames } from './captures.js';
import { cliSession } from './cli-session.js';
import { exerciseFor, gradeInto, LIVE_EVERY_MS } from './exercise-source.js';
import type { Intent } from './command.js';
import { linkFault, routerFault } from './faults.js';
import { type FeedRates, LabFeed } from './feed.js';
import { labInfo, listEntries } from './labs-source.js';
import type { Store } from './store.js';

/** What the effects need from the program around the app. */
export interface Host {
  /** Unmounts the app, runs `fn` on the bare terminal, mounts the app again. */
  stepAside(fn: () => Promise<void>): Promise<void>;
  quit(): void;
}

const firstLine = (e: unknown): string => ((e as Error).message ?? String(e)).split('\n')[0]!;

/** Runs intents; owns the labs list refresh, the open lab's feed and the captures refresh. */
export class Effects {
  private feed?: LabFeed;
  private state?: LabState;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly captures = new CaptureReader();

  constructor(
    private readonly store: Store,
    private readonly host: Host,
    private readonly extraFiles: string[] = [],
    private readonly rates: FeedRates = {},
  ) {}

  /** Starts the periodic refreshes. */
  start(): void {
    this.refreshLabs();
    this.timers.push(setInterval(() => this.refreshLabs(), 2000));
    this.timers.push(setInterval(() => this.refreshCaptures(), 2000));
    this.timers.push(setInterval(() => this.refreshExercise(), LIVE_EVERY_MS));
  }

  /** The live grade, while the exercise pane is shown (router state only: cheap, no traffic). */
  private refreshExercise(): void {
    const s = this.store.get();
    if (!this.state || s.screen !== 'lab' || !s.exercise || s.detail !== 'exercise') return;
    void gradeInto(this.store, this.state.name, false);
  }

  /** Stops everything. */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.feed?.stop();
  }

  private refreshLabs(): void {
    if (this.store.get().screen !== 'labs') return;
    this.store.dispatch({ type: 'labs', labs: listEntries(this.extraFiles) });
  }

  private refreshCaptures(): void {
    const s = this.store.get();
    if (!this.state || s.screen !== 'lab' || s.detail !== 'captures') return;
    try {
      this.state = findLab(this.state.name);
    } catch {
      return;
    }
    this.store.dispatch({ type: 'captures', ...this.captures.read(this.state) });
  }

  private say(text: string, tone: 'info' | 'ok' | 'bad' = 'info'): void {
    this.store.dispatch({ type: 'notice', notice: { text, tone } });
  }

  /** Opens lab `name` (it must be up) and starts following it. */
  open(name: string): void {
    const state = findLab(name);
    this.feed?.stop();
    this.state = state;
    this.store.dispatch({ type: 'openLab', lab: labInfo(state) });
    this.feed = new LabFeed(state, this.store, this.rates);
    this.feed.start();
    void this.openExercise(name);
  }

  /** When the lab is the running exercise's: its pane, shown at once, and a first live grade. */
  private async openExercise(name: string): Promise<void> {
    const panel = await exerciseFor(name).catch(() => undefined);
    if (!panel || this.state?.name !== name) return;
    this.store.dispatch({ type: 'exercise', panel }, { type: 'focus', pane: 'exercise' });
    await gradeInto(this.store, name, false);
  }

  /** Does what `i` asks; errors become notices (or, for up/down, the lab row's error). */
  async run(i: Intent): Promise<void> {
    try {
      await this.dispatchIntent(i);
    } catch (e) {
      this.say(firstLine(e), 'bad');
    }
  }

  private async dispatchIntent(i: Intent): Promise<void> {
    switch (i.kind) {
      case 'quit':
        return this.quit();
      case 'help':
        return this.store.dispatch({ type: 'help', on: true });
      case 'error':
        return this.say(i.message, 'bad');
      case 'filter':
        return this.store.dispatch({ type: 'filter', text: i.text }, { type: 'focus', pane: 'events' });
      case 'back':
        this.feed?.stop();
        delete this.feed;
        delete this.state;
        this.store.dispatch({ type: 'closeLab' });
        return this.refreshLabs();
      case 'open':
        return this.open(i.lab);
      case 'up':
        return this.up(i.lab);
      case 'down':
        return this.down(i.lab);
      case 'check':
        return this.check(i.only);
      case 'cli':
        return this.cli(i.node);
      case 'router':
        return this.fault(() => routerFault(this.need(), i.node, i.op), `${i.op} ${i.node}`);
      case 'link':
        return this.fault(() => linkFault(this.need(), i.node, i.op, i.iface), `link ${i.op} ${i.node}`);
      case 'evidence':
        return this.evidence(i.row);
      case 'grade':
        if (!this.store.get().exercise) return this.say('no exercise runs in this lab', 'bad');
        return gradeInto(this.store, this.need().name, true);
    }
  }

  private need(): LabState {
    if (!this.state) throw new Error('open a lab first (Enter on the labs screen, or :open LAB)');
    return this.state;
  }

  /** Quits, unless a lab is coming up or down or checks run: then the first q only warns. */
  private quit(): void {
    const s = this.store.get();
    const busy = [
      ...s.labs.filter((l) => l.busy).map((l) => `${l.name} ${l.busy}`),
      ...(s.checks?.running ? ['checks'] : []),
      ...(s.exercise?.grading === 'full' ? ['grade'] : []),
    ];
    if (busy.length > 0 && !this.warned) {
      this.warned = true;
      this.say(`${busy.join(', ')} still running: q again quits anyway (a half-made lab needs dmvpn-lab down)`, 'bad');
      return;
    }
    this.host.quit();
  }

  private warned = false;

  private async up(name: string): Promise<void> {
    const entry = this.store.get().labs.find((l) => l.name === name);
    if (!entry?.file) return this.say(`no topology file for lab ${name}`, 'bad');
    const step = (m: string): void => this.store.dispatch({ type: 'labBusy', name, busy: 'up', step: m });
    this.store.dispatch({ type: 'labBusy', name, busy: 'up' });
    try {
      const [{ upLab }, { autoRuntime }, { waitRegistered }] = await Promise.all([
        import('../lab/lab.js'),
        import('../lab/runtime/docker-select.js'),
        import('../lab/status.js'),
      ]);
      const choice = await autoRuntime();
      step(`runtime ${choice.name} (${choice.reason})`);
      const state = await upLab(entry.file, { runtime: choice.name, capture: true, progress: step });
      if (state.nodes.some((n) => n.control))
        step(`every spoke registered (${await waitRegistered(state, 30_000)} ms)`);
      this.store.dispatch({ type: 'labBusy', name });
    } catch (e) {
      this.store.dispatch({ type: 'labBusy', name, error: firstLine(e) });
    }
    this.refreshLabs();
  }

  private async down(name: string): Promise<void> {
    if (this.state?.name === name) await this.dispatchIntent({ kind: 'back' });
    this.store.dispatch({ type: 'labBusy', name, busy: 'down' });
    try {
      const { downLab } = await import('../lab/lab.js');
      await downLab(name, { progress: (m) => this.store.dispatch({ type: 'labBusy', name, busy: 'down', step: m }) });
      this.store.dispatch({ type: 'labBusy', name });
    } catch (e) {
      this.store.dispatch({ type: 'labBusy', name, error: firstLine(e) });
    }
    this.refreshLabs();
  }

  private async check(only?: string[]): Promise<void> {
    const state = this.need();
    if (this.store.get().checks?.running) return this.say('checks are already running', 'bad');
    this.store.dispatch({ type: 'checksStart', ...(only ? { only } : {}) }, { type: 'focus', pane: 'checks' });
    try {
      const { runChecks } = await import('../lab/checks/runner.js');
      const report = await runChecks(state.name, {
        ...(only ? { only } : {}),
        progress: (m) => this.store.dispatch({ type: 'checksStep', step: m }),
      });
      this.store.dispatch({ type: 'checksDone', results: report.results, summary: report.summary });
    } catch (e) {
      this.store.dispatch({ type: 'checksFailed', error: firstLine(e) });
    }
  }

  private async cli(node: string): Promise<void> {
    const n = this.need().nodes.find((x) => x.name === node);
    if (!n?.control) return this.say(`${node} is not a router of lab ${this.need().name}`, 'bad');
    await this.host.stepAside(() => cliSession(node, n.control!));
  }

  private async fault(run: () => Promise<string>, what: string): Promise<void> {
    this.say(`${what}…`);
    this.say(await run(), 'ok');
  }

  private evidence(row: number): void {
    const r = this.store.get().checks?.results[row];
    if (!r) return;
    if (r.evidence.length === 0) {
      this.say(`${r.name}: no frames cited`, 'info');
      return;
    }
    const lines = r.evidence.flatMap((e) => [
      `${e.what} — ${e.pcap} frames ${e.frames.join(', ')}`,
      ...decodeFrames(e.pcap, e.frames),
    ]);
    this.store.dispatch({ type: 'overlay', title: `${r.name} ${r.nodes.join(' → ')}: evidence`, lines });
  }
}
