/**
 * The import report: for each router, every line of its configuration dmvpnd does not act on, with
 * its line in the written .cfg and in the source file, as `dmvpnd --check-config --json` reports it
 * (the router's parser is the one reader of IOS). Lines that change nothing a lab can observe
 * (banners, line settings, management, platform and interface hardware lines) are counted as cosmetic.
 */
import { basename } from 'node:path';
import type { StartupConfigReport } from '../startup-configs.js';
import type { ImportedLab } from './model.js';

/** One line of a router's configuration that dmvpnd refused, ignores, or records without acting on. */
export interface ReportedLine {
  /** Line in the written .cfg (the same as in the published configuration). */
  line: number;
  /** Line in the source file (the CML YAML, or the GNS3 startup-config). */
  sourceLine: number;
  text: string;
  /** unsupported, inactive (recorded, not active yet), or error (refused). */
  status: 'unsupported' | 'inactive' | 'error';
  reason: string;
  /** Lines of the block it opens (a banner's text, a policy-map's classes), besides itself. */
  more: number;
  cosmetic: boolean;
}

/** What the import found for one router. */
export interface RouterReport {
  node: string;
  cfg: string;
  source: string;
  lines: ReportedLine[];
}

/** The whole import report. */
export interface ImportReport {
  lab: string;
  format: 'cml' | 'gns3';
  source: string;
  topologyFile: string;
  nodes: Record<string, number>;
  links: number;
  routers: RouterReport[];
  notes: string[];
  /** Lines not cosmetic that dmvpnd does not act on (the goal is 0), over all routers. */
  significant: number;
  durationMs: number;
}

const COSMETIC_TOPICS = /\((management|banner|line settings|platform|interface hardware|layer 2)\)$/;
const COSMETIC_TEXT =
  /^(no )?(ip (cef|redirects|forward-protocol|http|domain[- ]lookup|source-route|classless|subnet-zero|finger|bootp)|ipv6 cef|aaa new-model|cdp )/;

/** True when ignoring the line changes nothing a lab can observe. */
export function isCosmetic(text: string, reason: string): boolean {
  return COSMETIC_TOPICS.test(reason) || COSMETIC_TEXT.test(text.trim());
}

/** The report of one router from its `--check-config` report. */
export function routerReport(
  node: string,
  cfg: string,
  firstLine: number,
  sourceFile: string,
  r: StartupConfigReport,
  text: string,
): RouterReport {
  const src = (line: number) => firstLine + line - 1;
  const lineText = text.split('\n');
  const lines: ReportedLine[] = [
    ...r.errors.map(
      (e): ReportedLine => ({
        line: e.line,
        sourceLine: src(e.line),
        text: (lineText[e.line - 1] ?? '').trim(),
        status: 'error',
        reason: e.message.replace(/\s+/g, ' ').trim(),
        more: 0,
        cosmetic: false,
      }),
    ),
    ...r.ignored.map((x): ReportedLine => {
      const status = x.status === 'inactive' ? 'inactive' : 'unsupported';
      return {
        line: x.line,
        sourceLine: src(x.line),
        text: x.text,
        status,
        reason: x.reason,
        more: x.children.length,
        cosmetic: status === 'unsupported' && isCosmetic(x.text, x.reason),
      };
    }),
  ].sort((a, b) => a.line - b.line);
  return { node, cfg, source: sourceFile, lines };
}

/** Sums the report up. */
export function buildReport(
  lab: ImportedLab,
  topologyFile: string,
  routers: RouterReport[],
  durationMs: number,
): ImportReport {
  const nodes: Record<string, number> = {};
  for (const n of lab.nodes) nodes[n.kind] = (nodes[n.kind] ?? 0) + 1;
  const significant = routers.reduce((s, r) => s + r.lines.filter((l) => !l.cosmetic).length, 0);
  return {
    lab: lab.name,
    format: lab.format,
    source: lab.file,
    topologyFile,
    nodes,
    links: lab.links.length,
    routers,
    notes: lab.notes,
    significant,
    durationMs,
  };
}

/** The report as text: every line that matters with both its line numbers; cosmetic lines as one list per router. */
export function reportText(r: ImportReport): string {
  const kinds = Object.entries(r.nodes)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const out = [
    `imported ${basename(r.source)} (${r.format.toUpperCase()}) in ${r.durationMs} ms: ${kinds}, ${r.links} links -> ${r.topologyFile}`,
  ];
  for (const n of r.notes) out.push(`  note: ${n}`);
  for (const router of r.routers) {
    const cosmetic = router.lines.filter((l) => l.cosmetic);
    const rest = router.lines.filter((l) => !l.cosmetic);
    out.push(
      `${router.node} (${basename(router.cfg)}): ${rest.length} line${rest.length === 1 ? '' : 's'} not acted on, ` +
        `${cosmetic.length} cosmetic`,
    );
    for (const l of rest) {
      const more = l.more > 0 ? ` (+${l.more} lines)` : '';
      const at = `${basename(router.source)}:${l.sourceLine}`;
      out.push(
        `  ${at.padEnd(32)} ${`line ${l.line}`.padEnd(9)} ${l.status.padEnd(11)} ${l.text}${more} — ${l.reason}`,
      );
    }
    if (cosmetic.length > 0) out.push(`  cosmetic, ignored: lines ${cosmetic.map((l) => l.line).join(', ')}`);
  }
  out.push(
    `${r.significant} line${r.significant === 1 ? '' : 's'} beyond cosmetics not acted on; ` +
      `start it with: dmvpn-lab up ${r.topologyFile}`,
  );
  return `${out.join('\n')}\n`;
}
