/** What `validate` reports: one problem or warning, located by file and line, from the topology or a router config. */

/** One finding. */
export interface Problem {
  file: string;
  /** 1-based; 0 when the finding is about the whole file. */
  line: number;
  column?: number;
  /** error: the lab would not come up as written; warning: it would, but something is probably not meant. */
  severity: 'error' | 'warning';
  /** Stable code (`TOPOLOGY_INVALID`, `CONFIG_INVALID_INPUT`, …). */
  code: string;
  message: string;
}

/** `file:line[:col]: severity: message [code]`. */
export function formatProblem(p: Problem): string {
  const at = p.line > 0 ? `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}` : p.file;
  return `${at}: ${p.severity}: ${p.message} [${p.code}]`;
}
