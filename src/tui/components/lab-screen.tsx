/** The lab screen: header, topology drawing, node table, and one detail pane (events, node, checks, captures). */
import { Box, Text } from 'ink';
import { bytes, duration, fit } from '../format.js';
import type { TuiState } from '../model.js';
import { drawTopology } from '../topology.js';
import { ChecksPane } from './checks-pane.js';
import { EventPane } from './event-pane.js';
import { ExercisePane } from './exercise-pane.js';
import { Lines } from './lines.js';
import { NodeTable } from './node-table.js';
import { TextPane } from './text-pane.js';

/** Rows for each part of the screen: the detail pane keeps at least 5, the topology gives way first. */
export function labLayout(rows: number, topo: number, nodes: number): { topo: number; table: number; detail: number } {
  const avail = Math.max(6, rows - 2);
  const detailMin = Math.min(8, Math.max(4, Math.floor(avail / 4)));
  const table = Math.max(3, Math.min(nodes + 2, avail - detailMin - Math.min(topo, 4)));
  const t = Math.max(0, Math.min(topo, avail - table - detailMin));
  return { topo: t, table, detail: Math.max(2, avail - table - t) };
}

function captureLines(s: TuiState): string[] {
  if (s.captures.length === 0)
    return ['no captures: checks capture the Internet links; dmvpn-lab capture LAB --all captures every link'];
  const rows = s.captures.map((c) => {
    const counts = `${fit(bytes(c.bytes), 6)} ${fit(String(c.packets), 7)} ${fit(String(c.nhrp), 5)}`;
    return `${fit(`${c.node}:${c.iface}`, 16)} ${counts} ${c.running ? 'capturing' : 'stopped'}`;
  });
  return [
    `${fit('LINK', 16)} ${fit('SIZE', 6)} ${fit('PACKETS', 7)} ${fit('NHRP', 5)} STATE`,
    ...rows,
    '',
    'last NHRP packets:',
    ...s.packets,
  ];
}

function Detail({ s, height }: { s: TuiState; height: number }) {
  const focused = s.pane === s.detail;
  const nodeWidth = Math.max(4, ...(s.lab?.nodes.map((n) => n.name.length) ?? [4]));
  switch (s.detail) {
    case 'events':
      return (
        <EventPane
          events={s.events}
          filter={s.mode === 'filter' ? s.input : s.filter}
          scroll={s.eventScroll}
          focused={focused}
          height={height}
          nodeWidth={nodeWidth}
        />
      );
    case 'node': {
      const node = s.lab?.nodes[s.nodeCursor]?.name ?? '';
      const text = s.shows?.node === node ? s.shows.text : [`reading ${node}…`];
      return (
        <TextPane
          title={`Node ${node}`}
          right="refreshes every second  c: CLI"
          lines={text}
          focused={focused}
          height={height}
        />
      );
    }
    case 'checks':
      return <ChecksPane run={s.checks} cursor={s.checkCursor} focused={focused} height={height} />;
    case 'captures':
      return <TextPane title="Captures" lines={captureLines(s)} focused={focused} height={height} />;
    case 'exercise':
      return s.exercise ? (
        <ExercisePane e={s.exercise} focused={focused} height={height} />
      ) : (
        <TextPane title="Exercise" lines={['no exercise runs in this lab']} focused={focused} height={height} />
      );
  }
}

/** The whole screen for state `s` (which has a lab). */
export function LabScreen({ s, now }: { s: TuiState; now: number }) {
  const lab = s.lab!;
  const { cols, rows } = s.size;
  const topo = drawTopology(lab, s.routers, cols);
  const l = labLayout(rows, topo.length, lab.nodes.length);
  const routers = lab.nodes.filter((n) => n.router).length;
  const uptime = duration(now - Date.parse(lab.createdAt));
  const tabs = (['events', 'node', 'checks', 'captures', 'exercise'] as const)
    .filter((p) => p !== 'exercise' || s.exercise)
    .map((p) => (p === s.detail ? `[${p}]` : p))
    .join(' ');
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>{`lab ${lab.name}`}</Text>
        <Text
          dimColor
        >{` ${lab.runtime} · up ${uptime} · ${lab.nodes.length} nodes, ${routers} routers · ${tabs}`}</Text>
      </Text>
      {l.topo > 0 ? <Lines lines={topo.slice(0, l.topo)} /> : null}
      <NodeTable
        nodes={lab.nodes}
        routers={s.routers}
        linkFaults={s.linkFaults}
        cursor={s.nodeCursor}
        focused={s.pane === 'nodes'}
        cols={cols}
        height={l.table}
      />
      <Detail s={s} height={l.detail} />
    </Box>
  );
}
