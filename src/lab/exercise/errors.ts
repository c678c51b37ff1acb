/** Typed errors of exercises: a stable `code`, an exit status (2 bad input or a lab that cannot be graded). */
import type { TopologyIssue } from '../errors.js';

/** The stable codes of an exercise that cannot be used. */
export type ExerciseErrorCode =
  /** No exercise with this id in the exercises folder. */
  | 'EXERCISE_UNKNOWN'
  /** exercise.yml (or a file it names) cannot be read. */
  | 'EXERCISE_UNREADABLE'
  /** exercise.yml does not validate; `issues` says where. */
  | 'EXERCISE_INVALID'
  /** No exercise was started, or its lab is down: nothing to grade. */
  | 'EXERCISE_NOT_RUNNING'
  /** A solution line was refused by a router. */
  | 'EXERCISE_APPLY_FAILED';

/** An exercise that cannot be used or graded. */
export class ExerciseError extends Error {
  readonly code: ExerciseErrorCode;
  readonly exitCode = 2;
  readonly issues: TopologyIssue[];
  constructor(code: ExerciseErrorCode, message: string, options: { cause?: unknown; issues?: TopologyIssue[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExerciseError';
    this.code = code;
    this.issues = options.issues ?? [];
  }
}
