/**
 * The exit statuses of every dmvpn-lab command, for scripts and CI (docs/lab-cli.md): 0 all passed,
 * 1 a check (or the thing asked for) failed, 2 a usage or input error, 3 an environment problem
 * (not root, no Docker, a missing tool). One table from error codes to statuses, used by main.ts.
 */

export const EXIT = { ok: 0, failed: 1, usage: 2, environment: 3 } as const;
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** Error code -> exit status; a code not listed keeps the error's own `exitCode` (else 1). */
const BY_CODE: Readonly<Record<string, ExitStatus>> = {
  // usage or input: the command line, a file, or a name that does not exist
  BAD_ARGUMENT: EXIT.usage,
  TOPOLOGY_UNREADABLE: EXIT.usage,
  TOPOLOGY_INVALID: EXIT.usage,
  CONFIG_UNREADABLE: EXIT.usage,
  LAB_EXISTS: EXIT.usage,
  LAB_NOT_FOUND: EXIT.usage,
  LAB_UNKNOWN: EXIT.usage,
  NODE_NOT_FOUND: EXIT.usage,
  RUNTIME_UNKNOWN: EXIT.usage,
  CHECK_UNKNOWN: EXIT.usage,
  EXPECT_UNREADABLE: EXIT.usage,
  EXPECT_INVALID: EXIT.usage,
  REPORTS_DIFFER: EXIT.usage,
  REPORT_UNREADABLE: EXIT.usage,
  // a capture file that is not one (src/wire/errors.ts)
  TRUNCATED: EXIT.usage,
  BAD_LENGTH: EXIT.usage,
  BAD_VERSION: EXIT.usage,
  BAD_VALUE: EXIT.usage,
  BAD_CHECKSUM: EXIT.usage,
  UNSUPPORTED: EXIT.usage,
  // the machine: who runs it and what is installed
  NOT_ROOT: EXIT.environment,
  DOCKER_UNAVAILABLE: EXIT.environment,
  IMAGE_MISSING: EXIT.environment,
  DMVPND_MISSING: EXIT.environment,
  TOOL_MISSING: EXIT.environment,
};

interface CodedError {
  code?: unknown;
  exitCode?: unknown;
  syscall?: unknown;
  path?: unknown;
  cause?: unknown;
}

/** A program that could not be started because it is not installed (`spawn tshark ENOENT`). */
function missingTool(e: CodedError): boolean {
  return e.code === 'ENOENT' && typeof e.syscall === 'string' && e.syscall.startsWith('spawn');
}

/** A file named on the command line that cannot be read (`open 'x.pcap' ENOENT`). */
function unreadableFile(e: CodedError): boolean {
  const fsCodes = ['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR'];
  return typeof e.code === 'string' && fsCodes.includes(e.code) && typeof e.syscall === 'string';
}

/** The status of one error, without looking at its causes. */
function ownStatus(e: CodedError): number | undefined {
  if (missingTool(e)) return EXIT.environment;
  if (unreadableFile(e)) return EXIT.usage;
  if (typeof e.code === 'string' && e.code in BY_CODE) return BY_CODE[e.code];
  return undefined;
}

/**
 * The exit status for an error that ended a command: an environment problem anywhere in its `cause`
 * chain wins (a lab that could not come up because tshark is missing is exit 3), then the error's own
 * code, then its `exitCode` (INTERRUPTED carries 128 + the signal), then 1.
 */
export function exitStatusOf(err: unknown): number {
  const chain: CodedError[] = [];
  for (let e: unknown = err; e && typeof e === 'object' && chain.length < 16; e = (e as CodedError).cause) {
    chain.push(e as CodedError);
  }
  if (chain.some((e) => ownStatus(e) === EXIT.environment)) return EXIT.environment;
  const first = chain[0];
  if (!first) return EXIT.failed;
  const own = ownStatus(first);
  if (own !== undefined) return own;
  return typeof first.exitCode === 'number' ? first.exitCode : EXIT.failed;
}

/** `dmvpn-lab CMD: message [CODE]` on stderr, and the exit status set for when the process ends. */
export function reportFailure(command: string, err: unknown): void {
  const e = err as { code?: unknown; message?: string };
  const code = typeof e.code === 'string' ? ` [${e.code}]` : '';
  process.stderr.write(`${command}: ${e?.message ?? String(err)}${code}\n`);
  process.exitCode = exitStatusOf(err);
}
