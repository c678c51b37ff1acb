/**
 * The terminal UI's state: plain data, filled from lab events and router polls, drawn by the components.
 * No ink and no I/O here (see reducer.ts for how it changes).
 */

/** A lab the labs screen lists: shipped (a topology under labs/), or up (from the registry), or both. */
export interface LabEntry {
  name: string;
  /** Topology file, when known. */
  file?: string;
  up: boolean;
  nodes: number;
  routers: number;
  runtime?: string;
  createdAt?: string;
  /** Progress of an up/down started from the TUI: its steps so far, and whether it is still going. */
  busy?: 'up' | 'down';
  steps: string[];
  error?: string;
}

/** One node of the open lab, as its state file names it. */
export interface NodeInfo {
  name: string;
  kind: string;
  /** Far ends of its links, `node:iface`. */
  peers: string[];
  router: boolean;
}

/** The open lab. */
export interface LabInfo {
  name: string;
  runtime: string;
  labDir: string;
  createdAt: string;
  nodes: NodeInfo[];
}

/** A spoke's registration with one NHS. */
export interface NhsView {
  address: string;
  nbma?: string;
  state: string;
  up: boolean;
}

/** One DMVPN peer of a router (`show dmvpn`). */
export interface PeerView {
  nbma: string;
  tunnel?: string;
  state: string;
  up: boolean;
  dynamic: boolean;
  /** Networks reached through this peer other than its own tunnel address (NHRP shortcut routes). */
  shortcuts: string[];
}

/** What the polls know about a router. */
export interface RouterView {
  role: 'hub' | 'spoke' | 'router';
  running: boolean;
  pid?: number;
  rssKb?: number;
  tunnel?: string;
  nbma?: string;
  nhs: NhsView[];
  peers: PeerView[];
  packetsIn?: number;
  packetsOut?: number;
  /** Why the last poll failed. */
  error?: string;
  updatedAt: number;
}

/** Kinds of NHRP events the event pane shows. */
export type EventKind =
  | 'registration'
  | 'resolution'
  | 'indication'
  | 'shortcut'
  | 'nhs'
  | 'peer'
  | 'cache'
  | 'purge'
  | 'error'
  | 'system'
  | 'fault'
  | 'other';

/** One line of a router's debug stream, classified. */
export interface TuiEvent {
  /** When the router logged it (ms since 1970), or when it arrived when the line has no stamp. */
  at: number;
  /** When the TUI received it. */
  received: number;
  node: string;
  kind: EventKind;
  text: string;
}

/** A check run started from the TUI. */
export interface CheckRun {
  only?: string[];
  running: boolean;
  steps: string[];
  results: CheckRow[];
  error?: string;
  summary?: { pass: number; fail: number; skip: number };
}

/** One row of the check results. */
export interface CheckRow {
  name: string;
  nodes: string[];
  step?: string;
  status: 'pass' | 'fail' | 'skip';
  reason: string;
  evidence: Array<{ pcap: string; frames: number[]; what: string }>;
}

/** One capture of the lab. */
export interface CaptureRow {
  node: string;
  iface: string;
  pcap: string;
  bytes: number;
  packets: number;
  nhrp: number;
  running: boolean;
}

/** One graded item of the exercise pane: its state now, and for a failure the first broken layer. */
export interface ExerciseItemRow {
  id: string;
  title: string;
  weight: number;
  /** pending: it needs traffic, which only a full grade (g) sends. */
  status: 'pass' | 'fail' | 'pending';
  reason: string;
  /** A full grade's diagnosis: the layer, its evidence (frames cited) and the command to see it. */
  layer?: string;
  evidence?: string[];
  command?: string;
}

/** The running exercise, when the open lab is its lab: task, hints, the last grade. */
export interface ExercisePanel {
  id: string;
  title: string;
  task: string[];
  hints: string[];
  /** How many hints `h` has shown. */
  hintsShown: number;
  items: ExerciseItemRow[];
  /** The last grade's score, whether it was full (every item) or live (what router state decides), and when. */
  score?: number;
  full: boolean;
  gradedAt?: number;
  durationMs?: number;
  /** A grade running now. */
  grading?: 'live' | 'full';
  /** Why the lab was not graded: down, or modified beyond the task. */
  refusal?: string;
}

/** The panes of the lab screen, in Tab order (exercise only while an exercise runs in the lab). */
export const PANES = ['nodes', 'events', 'node', 'checks', 'captures', 'exercise'] as const;
export type Pane = (typeof PANES)[number];

/** Input modes: keys drive the screen, or type a `:` command or a `/` filter. */
export type Mode = 'normal' | 'command' | 'filter';

/** A message for the status line. */
export interface Notice {
  text: string;
  tone: 'info' | 'ok' | 'bad';
}

/** Everything the screens draw. */
export interface TuiState {
  screen: 'labs' | 'lab';
  size: { cols: number; rows: number };
  labs: LabEntry[];
  labsCursor: number;
  lab?: LabInfo;
  routers: Record<string, RouterView>;
  /** Nodes with a link fault in force (from the lab's events.jsonl): a link down, or silent. */
  linkFaults: Record<string, 'down' | 'silent'>;
  events: TuiEvent[];
  filter: string;
  pane: Pane;
  /** The pane shown under the node table (the last non-node pane focused). */
  detail: Exclude<Pane, 'nodes'>;
  nodeCursor: number;
  /** Text of `show dmvpn`, `show ip nhrp`, `show ip route` for the selected router. */
  shows?: { node: string; text: string[] };
  checks?: CheckRun;
  checkCursor: number;
  captures: CaptureRow[];
  /** The last NHRP packets decoded from the captures. */
  packets: string[];
  /** An overlay: a decoded evidence frame, or help. */
  overlay?: { title: string; lines: string[] };
  help: boolean;
  mode: Mode;
  input: string;
  notice?: Notice;
  /** Scroll offset of the event pane from the newest event (0 = follow). */
  eventScroll: number;
  /** The exercise of the open lab, when it is an exercise's lab. */
  exercise?: ExercisePanel;
}

/** Events kept in memory (the pane shows the newest). */
export const MAX_EVENTS = 1000;

/** The state before anything is known. */
export function initialState(size = { cols: 80, rows: 24 }): TuiState {
  return {
    screen: 'labs',
    size,
    labs: [],
    labsCursor: 0,
    routers: {},
    linkFaults: {},
    events: [],
    filter: '',
    pane: 'nodes',
    detail: 'events',
    nodeCursor: 0,
    checkCursor: 0,
    captures: [],
    packets: [],
    help: false,
    mode: 'normal',
    input: '',
    eventScroll: 0,
  };
}
