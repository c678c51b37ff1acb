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
  | 'EXERCISE_APPLY_FAILED'
  /** A router of the exercise's lab does not answer (stopped, crashed): nothing to grade. */
  | 'EXERCISE_LAB_DOWN'
  /** The lab was changed beyond the task (configs outside its scope, nodes or links): not graded. */
  | 'EXERCISE_MODIFIED';

/** The exit status of a lab modified beyond the task (neither a grade, 0/1, nor bad input, 2). */
export const EXIT_MODIFIED = 3;

/** One change to the lab beyond the task: the node and what changed. */
export interface Modification {
  node: string;
  /** `interface GigabitEthernet0/1 changed (addresses[0].address …)`, `node added`, `link … removed`. */
  what: string;
}

/** An exercise that cannot be used or graded. */
export class ExerciseError extends Error {
  readonly code: ExerciseErrorCode;
  /** 3 for a lab modified beyond the task, else 2. */
  readonly exitCode: number;
  readonly issues: TopologyIssue[];
  readonly modifications: Modification[];
  constructor(
    code: ExerciseErrorCode,
    message: string,
    options: { cause?: unknown; issues?: TopologyIssue[]; modifications?: Modification[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExerciseError';
    this.code = code;
    this.exitCode = code === 'EXERCISE_MODIFIED' ? EXIT_MODIFIED : 2;
    this.issues = options.issues ?? [];
    this.modifications = options.modifications ?? [];
  }
}
