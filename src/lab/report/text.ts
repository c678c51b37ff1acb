/** The check report as a table for people: one row per result, then a summary line. */
import type { CheckReport } from '../checks/model.js';
import { caseName } from './junit.js';

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'skip' } as const;

/** Lays out rows in columns separated by two spaces (the last column is not padded). */
export function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The table, the evidence of failed results, the output that decided them, and a closing summary. */
export function reportText(report: CheckReport): string {
  const rows = [
    ['STATUS', 'CHECK', 'NODES', 'REASON'],
    ...report.results.map((r) => [MARK[r.status], r.name, caseName(r), r.reason]),
  ];
  const out = [`lab ${report.lab} (${report.topologyFile})`, ...columns(rows)];
  const failed = report.results.filter((r) => r.status === 'fail' && (r.evidence.length > 0 || r.shown));
  if (failed.length > 0) out.push('', 'evidence of failures:');
  for (const r of failed) {
    for (const e of r.evidence)
      out.push(`  ${r.name} ${caseName(r)}: ${e.pcap} frames ${e.frames.join(',')} (${e.what})`);
    for (const s of r.shown ?? [])
      out.push(`  ${r.name} ${caseName(r)}: ${s.node}# ${s.command}`, ...s.lines.map((l) => `      ${l}`));
  }
  const shown = report.results.filter((r) => r.status === 'fail' && r.output);
  if (shown.length > 0) out.push('', 'output that decided failures (first 20 lines):');
  for (const r of shown) {
    const lines = r.output!.split('\n');
    out.push(`  ${r.name} ${caseName(r)}:`, ...lines.slice(0, 20).map((l) => `    ${l}`));
    if (lines.length > 20) out.push(`    … ${lines.length - 20} more lines (in the JSON and JUnit reports)`);
  }
  out.push('', reportSummary(report));
  return `${out.join('\n')}\n`;
}

/** The closing line alone (what `check --quiet` prints): counts, duration, where the pcaps are. */
export function reportSummary(report: CheckReport): string {
  const s = report.summary;
  const pcaps = report.pcaps.length > 0 ? `${report.labDir}/pcaps/` : 'none';
  const up = report.keptUp ? `; lab ${report.lab} is up` : '';
  return `${s.pass} passed, ${s.fail} failed, ${s.skip} skipped in ${(report.durationMs / 1000).toFixed(1)} s; pcaps: ${pcaps}${up}`;
}
