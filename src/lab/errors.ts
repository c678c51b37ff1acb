/** Typed errors of the lab layer: every one has a stable `code`, names the thing, and keeps its `cause`. */

/** The stable codes a caller (CLI, test, script) can switch on. */
export type LabErrorCode =
  | 'TOPOLOGY_UNREADABLE'
  | 'TOPOLOGY_INVALID'
  | 'EXPORT_UNSUPPORTED'
  | 'LAB_EXISTS'
  | 'LAB_NOT_FOUND'
  | 'NODE_NOT_FOUND'
  | 'RUNTIME_UNKNOWN'
  | 'COMMAND_FAILED'
  | 'DMVPND_MISSING'
  | 'ROUTER_DIED'
  | 'ROUTER_TIMEOUT'
  | 'ROUTING_TIMEOUT'
  | 'CONTROL_UNREACHABLE'
  | 'CAPTURE_FAILED'
  | 'NOT_ROOT'
  | 'DOCKER_UNAVAILABLE'
  | 'IMAGE_MISSING'
  | 'BAD_ARGUMENT'
  | 'CONFIG_UNREADABLE'
  | 'IMPORT_INVALID'
  | 'INTERRUPTED';

/** A failure in the lab layer; `exitCode` is what the CLI exits with. */
export class LabError extends Error {
  readonly code: LabErrorCode;
  readonly exitCode: number;
  constructor(code: LabErrorCode, message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LabError';
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** One problem found in a topology file: where it is and what is wrong. */
export interface TopologyIssue {
  file: string;
  line: number;
  column: number;
  /** Dotted field path, e.g. `topology.nodes.hub.kind`. */
  field: string;
  message: string;
}

/** Formats an issue as `file:line:col: field: message`. */
export function formatIssue(i: TopologyIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.field || '(file)'}: ${i.message}`;
}

/** A topology file that does not validate; carries every issue found, not just the first. */
export class TopologyError extends LabError {
  readonly issues: TopologyIssue[];
  constructor(file: string, issues: TopologyIssue[]) {
    const n = issues.length;
    super(
      'TOPOLOGY_INVALID',
      `${file}: ${n} error${n === 1 ? '' : 's'} in topology\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
    );
    this.name = 'TopologyError';
    this.issues = issues;
  }
}
