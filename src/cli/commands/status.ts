import type { Command } from 'commander';
import { currentLab } from '../../lab/current.js';
import { findLab, listLabs, type LabState } from '../../lab/state.js';
import { labStatus, type LabStatus, type NodeStatus } from '../../lab/status.js';
import { EXIT } from '../exit-codes.js';
import { outputFormat } from '../format.js';

function routerText(n: NodeStatus): string {
  const r = n.router;
  if (!r) return '';
  if (n.state === 'stopped') return `stopped (dmvpn-lab start ${n.name})`;
  if (!r.running) return `DEAD${r.exitCode !== undefined ? ` (exit ${r.exitCode})` : ''}`;
  if (r.error) return `pid ${r.pid} (${r.error})`;
  const nhs = (r.nhs ?? []).map((x) => `nhs ${x.nhs} ${x.state}`);
  const peers = r.peers ?? [];
  return [`pid ${r.pid}`, ...nhs, peers.length ? `${peers.filter((p) => p.up).length}/${peers.length} peers up` : '']
    .filter(Boolean)
    .join(', ');
}

function text(s: LabStatus & { current: boolean }): string {
  const rows = s.nodes.map((n) => {
    const ns = n.exists ? n.namespace : `${n.namespace} (missing)`;
    return [n.name, n.kind, n.state, ns, String(n.processes), routerText(n)];
  });
  const head = ['NODE', 'KIND', 'STATE', 'NAMESPACE', 'PROCS', 'ROUTER'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(w[i]!))
      .join('  ')
      .trimEnd();
  const title = `lab ${s.name} (${s.phase}, runtime ${s.runtime}, ${s.labDir})${s.current ? ' [current]' : ''}`;
  const out = [title, line(head), ...rows.map(line)];
  for (const l of s.links) if (l.state !== 'up') out.push(`link ${l.link}: ${l.state}`);
  for (const c of s.captures) out.push(`capture ${c.node}:${c.iface} -> ${c.pcap}${c.running ? '' : ' (stopped)'}`);
  out.push(s.problems.length ? `problems:\n${s.problems.map((p) => `  - ${p}`).join('\n')}` : 'no problems');
  return `${out.join('\n')}\n`;
}

/** `dmvpn-lab status [LAB] [--format json]`: nodes, processes and registrations; exits 1 when something is wrong. */
export function registerStatus(program: Command): void {
  program
    .command('status [lab]')
    .description('nodes, processes and registrations of a lab (all labs when none is named); exit 1 on problems')
    .option('--format <format>', 'text or json', 'text')
    .option('--json', 'same as --format json')
    .action(async (lab: string | undefined, o: { json?: boolean; format?: string }) => {
      const json = o.json === true || outputFormat(o.format) === 'json';
      const states = lab !== undefined ? [findLab(lab)] : listLabs();
      const current = currentLab();
      const withCurrent = async (st: LabState) => ({ ...(await labStatus(st)), current: st.name === current });
      const all = await Promise.all(states.map(withCurrent));
      if (json) process.stdout.write(`${JSON.stringify(lab !== undefined ? all[0] : all, null, 2)}\n`);
      else process.stdout.write(all.length ? all.map(text).join('\n') : 'no lab is up\n');
      if (all.some((s) => s.problems.length > 0)) process.exitCode = EXIT.failed;
    });
}
