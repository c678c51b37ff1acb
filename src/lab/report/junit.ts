/**
 * The check report as JUnit XML: one <testsuite> per check, one <testcase> per check per node pair
 * (and step), the reason as failure (or skip) message, figures and evidence in <system-out>, then
 * the show output that decided it and each cited pcap as `[[ATTACHMENT|path]]` (the form Jenkins'
 * junit-attachments plugin and GitLab read; relative to `base` when the pcap lies under it, since
 * GitLab wants paths inside the project directory).
 */
import { isAbsolute, relative } from 'node:path';
import type { CheckReport, CheckResult } from '../checks/model.js';
import { renderXml, type XmlElement } from './xml.js';

/** Options of the JUnit writer. */
export interface JunitOptions {
  /** Attachment paths are written relative to this folder when they lie under it (the CI workspace). */
  base?: string;
}

/** The test case name of a result: its nodes, and its step in brackets. */
export function caseName(r: CheckResult): string {
  const nodes = r.nodes.length > 0 ? r.nodes.join(' → ') : 'lab';
  return r.step ? `${nodes} [${r.step}]` : nodes;
}

/** Figures and evidence as plain lines. */
export function detailLines(r: CheckResult): string[] {
  const figures = Object.entries(r.figures).map(([k, v]) => `${k}=${v === null ? '-' : String(v)}`);
  return [
    r.reason,
    ...(figures.length > 0 ? [`figures: ${figures.join(' ')}`] : []),
    ...r.evidence.map((e) => `evidence: ${e.pcap} frames ${e.frames.join(',')}: ${e.what}`),
    ...(r.shown ?? []).flatMap((s) => [`shown: ${s.node}# ${s.command}`, ...s.lines.map((l) => `  ${l}`)]),
  ];
}

/** A pcap path as an attachment line: relative to `base` when under it, else as it is. */
export function attachmentLine(pcap: string, base?: string): string {
  const rel = base === undefined ? undefined : relative(base, pcap);
  const path = rel !== undefined && rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : pcap;
  return `[[ATTACHMENT|${path}]]`;
}

/** <system-out>: the details, the output that decided the result, and one attachment line per cited pcap. */
export function systemOut(r: CheckResult, base?: string): string {
  const pcaps = [...new Set(r.evidence.map((e) => e.pcap))];
  return [
    ...detailLines(r),
    ...(r.output ? ['', r.output, ''] : []),
    ...pcaps.map((p) => attachmentLine(p, base)),
  ].join('\n');
}

function testcase(report: CheckReport, r: CheckResult, base?: string): XmlElement {
  const children: XmlElement[] = [];
  if (r.status === 'fail')
    children.push({
      name: 'failure',
      attrs: { message: r.reason, type: r.name },
      children: [detailLines(r).join('\n')],
    });
  if (r.status === 'skip') children.push({ name: 'skipped', attrs: { message: r.reason } });
  children.push({ name: 'system-out', children: [systemOut(r, base)] });
  return {
    name: 'testcase',
    attrs: { classname: `dmvpn-lab.${report.lab}.${r.name}`, name: caseName(r), time: 0 },
    children,
  };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** The report as a JUnit XML document. */
export function junitXml(report: CheckReport, opts: JunitOptions = {}): string {
  const names = [...new Set(report.results.map((r) => r.name))];
  const suites = names.map((name): XmlElement => {
    const rs = report.results.filter((r) => r.name === name);
    const ms = report.checks.find((c) => c.name === name)?.durationMs ?? 0;
    return {
      name: 'testsuite',
      attrs: {
        name,
        tests: rs.length,
        failures: rs.filter((r) => r.status === 'fail').length,
        errors: 0,
        skipped: rs.filter((r) => r.status === 'skip').length,
        time: seconds(ms),
        timestamp: report.startedAt.replace(/\.\d+Z$/, ''),
      },
      children: rs.map((r) => testcase(report, r, opts.base)),
    };
  });
  const s = report.summary;
  return renderXml({
    name: 'testsuites',
    attrs: {
      name: `dmvpn-lab check ${report.lab}`,
      tests: report.results.length,
      failures: s.fail,
      errors: 0,
      skipped: s.skip,
      time: seconds(report.durationMs),
    },
    children: suites,
  });
}
