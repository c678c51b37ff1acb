/** The node table: name, kind, state, NBMA and tunnel address, NHS state, peers up, shortcuts, packets, RSS. */
import { Box } from 'ink';
import { fit } from '../format.js';
import type { NodeInfo, RouterView } from '../model.js';
import { shortcutCount } from '../router-view.js';
import type { Line, Tone } from '../topology.js';
import { Row, Title } from './lines.js';

/** What cells need beyond their node: router names by tunnel address, link faults in force. */
interface CellContext {
  names: Map<string, string>;
  faults: Record<string, 'down' | 'silent'>;
}

interface Column {
  head: string;
  width: number;
  /** Lower drops first when the terminal is narrow. */
  keep: number;
  cell(n: NodeInfo, r: RouterView | undefined, ctx: CellContext): { text: string; tone?: Tone };
}

function state(
  n: NodeInfo,
  r: RouterView | undefined,
  fault: 'down' | 'silent' | undefined,
): { text: string; tone?: Tone } {
  if (fault && (!n.router || r?.running !== false))
    return { text: fault === 'down' ? 'LINK DN' : 'SILENT', tone: 'warn' };
  if (!n.router) return { text: 'up', tone: 'dim' };
  if (!r) return { text: '…', tone: 'dim' };
  if (!r.running) return { text: 'STOPPED', tone: 'bad' };
  if (r.error) return { text: 'no ctl', tone: 'bad' };
  return { text: 'running', tone: 'ok' };
}

/** `UP 2/2`, `DOWN 0/1`, or, when only some are up, which: `1/2 hub2`. */
function nhs(r: RouterView | undefined, names: Map<string, string>): { text: string; tone?: Tone } {
  if (!r || r.nhs.length === 0) return { text: '' };
  const up = r.nhs.filter((x) => x.up);
  const of = `${up.length}/${r.nhs.length}`;
  if (up.length === r.nhs.length) return { text: `UP ${of}`, tone: 'ok' };
  if (up.length === 0) return { text: `DOWN ${of}`, tone: 'bad' };
  return { text: `${of} ${up.map((x) => names.get(x.address) ?? x.address).join(',')}`, tone: 'warn' };
}

const kind = (n: NodeInfo, r: RouterView | undefined): string =>
  n.router ? (r && r.role !== 'router' ? r.role : 'dmvpn') : n.kind === 'internet' ? 'inet' : n.kind;
const mb = (kb: number | undefined): string => (kb ? `${Math.round(kb / 1024)}M` : '');
const pk = (r: RouterView | undefined): string =>
  r?.packetsIn !== undefined ? `${r.packetsIn}/${r.packetsOut ?? 0}` : '';

const COLUMNS: Column[] = [
  { head: 'NAME', width: 8, keep: 99, cell: (n) => ({ text: n.name }) },
  { head: 'KIND', width: 5, keep: 90, cell: (n, r) => ({ text: kind(n, r) }) },
  { head: 'STATE', width: 7, keep: 95, cell: (n, r, ctx) => state(n, r, ctx.faults[n.name]) },
  { head: 'NBMA', width: 15, keep: 70, cell: (_n, r) => ({ text: r?.nbma ?? '' }) },
  { head: 'TUNNEL', width: 12, keep: 60, cell: (_n, r) => ({ text: r?.tunnel ?? '' }) },
  { head: 'NHS', width: 9, keep: 92, cell: (_n, r, ctx) => nhs(r, ctx.names) },
  {
    head: 'PEERS',
    width: 5,
    keep: 85,
    cell: (_n, r) => ({ text: r ? `${r.peers.filter((p) => p.up).length}/${r.peers.length}` : '' }),
  },
  {
    head: 'SC',
    width: 2,
    keep: 80,
    cell: (_n, r) => ({
      text: r ? String(shortcutCount(r)) : '',
      tone: r && shortcutCount(r) > 0 ? 'accent' : 'plain',
    }),
  },
  { head: 'PKTS IN/OUT', width: 11, keep: 40, cell: (_n, r) => ({ text: pk(r) }) },
  { head: 'RSS', width: 4, keep: 50, cell: (_n, r) => ({ text: mb(r?.rssKb) }) },
];

/** The columns that fit in `cols`, in their order. */
export function columnsFor(nodes: NodeInfo[], cols: number): Column[] {
  const name = Math.max(4, ...nodes.map((n) => n.name.length));
  const all = COLUMNS.map((c) => (c.head === 'NAME' ? { ...c, width: name } : c));
  const chosen = [...all];
  const width = (cs: Column[]): number => cs.reduce((w, c) => w + c.width + 1, 0);
  while (width(chosen) > cols && chosen.length > 1) {
    const weakest = chosen.reduce((a, b) => (b.keep < a.keep ? b : a));
    chosen.splice(chosen.indexOf(weakest), 1);
  }
  return chosen;
}

/** The table (title, header, `height - 2` rows scrolled to keep the cursor in view). */
export function NodeTable(props: {
  nodes: NodeInfo[];
  routers: Record<string, RouterView>;
  linkFaults?: Record<string, 'down' | 'silent'>;
  cursor: number;
  focused: boolean;
  cols: number;
  height: number;
}) {
  const cols = columnsFor(props.nodes, props.cols);
  const head: Line = [{ text: cols.map((c) => fit(c.head, c.width)).join(' '), tone: 'dim' }];
  const rows = Math.max(1, props.height - 2);
  const names = new Map(Object.entries(props.routers).flatMap(([k, r]) => (r.tunnel ? [[r.tunnel, k] as const] : [])));
  const top = Math.max(0, Math.min(props.cursor - rows + 1, props.nodes.length - rows));
  const shown = props.nodes.slice(Math.max(0, top), Math.max(0, top) + rows);
  const more = props.nodes.length > rows ? ` ${props.cursor + 1}/${props.nodes.length}` : '';
  return (
    <Box flexDirection="column">
      <Title
        text={`Nodes${more}`}
        focused={props.focused}
        right="Enter: node pane  c: CLI  s: stop/start  x: kill  l: silence/restore link"
      />
      <Row line={head} />
      {shown.map((n) => {
        const r = props.routers[n.name];
        const line: Line = cols.flatMap((c, i) => {
          const v = c.cell(n, r, { names, faults: props.linkFaults ?? {} });
          return [{ text: fit(v.text, c.width) + (i < cols.length - 1 ? ' ' : ''), tone: v.tone ?? 'plain' }];
        });
        return <Row key={n.name} line={line} inverse={props.nodes[props.cursor]?.name === n.name} />;
      })}
    </Box>
  );
}
