/**
 * The topology drawing: hubs above the Internet, spokes (behind their NAT gateway, if any) below it,
 * each spoke's NHS registrations under it, and spoke-to-spoke shortcuts as dashed lines. Pure: returns
 * lines of toned segments; the component colours them.
 *
 *        hub 2/2
 *           │
 *   ────────┴───── Internet ─┬──────────┐
 *       │                    │
 *     spoke1               spoke2
 *     ▲hub                 ▲hub
 *       └╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┘ shortcut
 */
import type { LabInfo, NodeInfo, RouterView } from './model.js';
import { spokePairs } from './router-view.js';

/** How a piece of text is coloured. */
export type Tone = 'ok' | 'bad' | 'warn' | 'dim' | 'accent' | 'plain';

/** A run of text with one tone. */
export interface Segment {
  text: string;
  tone: Tone;
}

/** One drawn line. */
export type Line = Segment[];

class Canvas {
  private readonly rows: Array<Array<{ ch: string; tone: Tone }>> = [];
  constructor(private readonly width: number) {}

  put(row: number, col: number, text: string, tone: Tone): void {
    while (this.rows.length <= row)
      this.rows.push(Array.from({ length: this.width }, () => ({ ch: ' ', tone: 'plain' as Tone })));
    [...text].forEach((ch, i) => {
      const c = col + i;
      if (c >= 0 && c < this.width) this.rows[row]![c] = { ch, tone };
    });
  }

  lines(): Line[] {
    return this.rows.map((r) => {
      const out: Line = [];
      for (const cell of r) {
        const last = out[out.length - 1];
        if (last && last.tone === cell.tone) last.text += cell.ch;
        else out.push({ text: cell.ch, tone: cell.tone });
      }
      const tail = out[out.length - 1];
      if (tail) tail.text = tail.text.trimEnd();
      return out.filter((s) => s.text !== '');
    });
  }
}

function role(n: NodeInfo, r: RouterView | undefined): 'hub' | 'spoke' {
  if (r && r.role !== 'router') return r.role;
  return /hub/i.test(n.name) ? 'hub' : 'spoke';
}

function spokeTone(r: RouterView | undefined): Tone {
  if (!r) return 'dim';
  if (!r.running || r.error) return 'bad';
  if (r.nhs.length > 0 && r.nhs.every((x) => x.up)) return 'ok';
  return r.nhs.some((x) => x.up) ? 'warn' : 'bad';
}

const centered = (text: string, center: number): number => center - Math.floor(text.length / 2);

/** Draws the lab at `width` columns. */
export function drawTopology(lab: LabInfo, routers: Record<string, RouterView>, width: number): Line[] {
  const c = new Canvas(width);
  const routerNodes = lab.nodes.filter((n) => n.router);
  const hubs = routerNodes.filter((n) => role(n, routers[n.name]) === 'hub');
  const spokes = routerNodes.filter((n) => role(n, routers[n.name]) === 'spoke');
  const inet = lab.nodes.find((n) => n.kind === 'internet');
  const natOf = (s: NodeInfo): string | undefined =>
    lab.nodes.find((n) => n.kind === 'nat' && s.peers.some((p) => p.startsWith(`${n.name}:`)))?.name;
  const anyNat = spokes.some((s) => natOf(s) !== undefined);
  const nameByTunnel = new Map(Object.entries(routers).flatMap(([k, r]) => (r.tunnel ? [[r.tunnel, k] as const] : [])));

  const minCell = Math.max(11, ...spokes.map((s) => s.name.length + 3));
  const fit = Math.max(1, Math.floor((width - 1) / minCell));
  const shown = spokes.slice(0, spokes.length > fit ? fit - 1 : fit);
  const cell = Math.min(
    28,
    Math.max(minCell, Math.floor((width - 1) / Math.max(shown.length + (spokes.length > shown.length ? 1 : 0), 1))),
  );
  const sx = shown.map((_, i) => i * cell + Math.floor(cell / 2));
  const span = Math.max(shown.length, 1) * cell;
  const hx = hubs.map((_, j) => Math.floor(((j + 0.5) * span) / Math.max(hubs.length, 1)));

  hubs.forEach((h, j) => {
    const r = routers[h.name];
    const up = r?.peers.filter((p) => p.up).length ?? 0;
    const label = !r ? h.name : !r.running ? `${h.name} STOPPED` : `${h.name} ${up}/${r.peers.length}`;
    const tone: Tone = !r ? 'dim' : !r.running || r.error ? 'bad' : 'ok';
    c.put(0, centered(label, hx[j]!), label, tone);
    c.put(1, hx[j]!, r?.running === false ? '╳' : '│', tone);
  });
  const xs = [...hx, ...sx].sort((a, b) => a - b);
  const left = Math.max(0, Math.min(...xs) - 2);
  const right = Math.min(width - 1, Math.max(...xs) + 2);
  c.put(2, left, '─'.repeat(right - left + 1), 'dim');
  for (const x of hx) c.put(2, x, '┴', 'dim');
  for (const x of sx) c.put(2, x, hx.includes(x) ? '┼' : '┬', 'dim');
  const label = ` ${inet ? `Internet (${inet.name})` : 'Internet'} `;
  const gaps = [left, ...xs, right].slice(1).map((x, i, a) => ({ from: i === 0 ? left : a[i - 1]! + 1, to: x - 1 }));
  const gap = gaps
    .filter((g) => g.to - g.from + 1 >= label.length + 2)
    .sort((a, b) => b.to - b.from - (a.to - a.from))[0];
  if (gap) c.put(2, Math.floor((gap.from + gap.to + 1 - label.length) / 2), label, 'plain');
  else c.put(2, right + 1, label.trimEnd(), 'plain');

  let row = 3;
  shown.forEach((s, i) => {
    const tone = spokeTone(routers[s.name]);
    const nat = natOf(s);
    let r = row;
    c.put(r++, sx[i]!, tone === 'ok' ? '│' : '╎', tone);
    if (anyNat) {
      if (nat) {
        c.put(r++, centered(`[${nat}]`, sx[i]!), `[${nat}]`, 'accent');
        c.put(r++, sx[i]!, tone === 'ok' ? '│' : '╎', tone);
      } else {
        c.put(r++, sx[i]!, '│', tone === 'ok' ? 'ok' : tone);
        c.put(r++, sx[i]!, tone === 'ok' ? '│' : '╎', tone);
      }
    }
    const rv = routers[s.name];
    const name = rv?.running === false ? `${s.name}✗` : s.name;
    c.put(r++, centered(name, sx[i]!), name, tone);
    (rv?.nhs ?? []).slice(0, 2).forEach((n) => {
      const who = nameByTunnel.get(n.address) ?? n.address;
      const t = `${n.up ? '▲' : '▼'}${who}`.slice(0, cell - 1);
      c.put(r++, centered(t, sx[i]!), t, n.up ? 'ok' : 'bad');
    });
  });
  const hidden = spokes.length - shown.length;
  const spokeRow = row + (anyNat ? 3 : 1);
  if (hidden > 0) c.put(spokeRow, shown.length * cell, `+${hidden} more`, 'dim');
  row = spokeRow + 1 + Math.max(0, ...shown.map((s) => Math.min(2, routers[s.name]?.nhs.length ?? 0)));

  const pairs = spokePairs(routers);
  const idx = new Map(shown.map((s, i) => [s.name, i]));
  let drawn = 0;
  for (const [a, b] of pairs) {
    const ia = idx.get(a);
    const ib = idx.get(b);
    if (ia === undefined || ib === undefined) continue;
    if (drawn === 3) break;
    const [x0, x1] = [sx[Math.min(ia, ib)]!, sx[Math.max(ia, ib)]!];
    c.put(row, x0, `└${'╌'.repeat(Math.max(0, x1 - x0 - 1))}┘`, 'accent');
    c.put(row, x1 + 2, 'shortcut', 'dim');
    row++;
    drawn++;
  }
  if (pairs.length > drawn && drawn === 3) c.put(row++, 0, `+${pairs.length - drawn} more shortcuts`, 'dim');
  return c.lines();
}
