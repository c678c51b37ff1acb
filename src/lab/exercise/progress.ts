/**
 * The student's progress, kept in one JSON file under the user's state directory
 * ($DMVPN_LAB_STATE_DIR, else $XDG_STATE_HOME/dmvpn-lab, else ~/.local/state/dmvpn-lab): the
 * exercise running now, and per exercise the best score, attempts (grades), time spent, completion.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The exercise that runs now: which, in which lab, since when, from which working copy. */
export interface CurrentExercise {
  id: string;
  lab: string;
  startedAt: string;
  /** The working copy of the exercise folder the lab was brought up from. */
  workDir: string;
  /** The last grade (time spent counts from here). */
  lastMark?: string;
}

/** What a student did on one exercise. */
export interface ExerciseProgress {
  bestScore: number;
  attempts: number;
  completed: boolean;
  /** Time from each start to its last grade, summed. */
  timeSpentMs: number;
  lastScore?: number;
  lastGradedAt?: string;
}

/** The whole file. */
export interface ProgressFile {
  current?: CurrentExercise;
  exercises: Record<string, ExerciseProgress>;
}

/** The state folder. */
export function stateDir(): string {
  if (process.env.DMVPN_LAB_STATE_DIR) return process.env.DMVPN_LAB_STATE_DIR;
  const base = process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'dmvpn-lab');
}

function progressFile(): string {
  return join(stateDir(), 'exercises.json');
}

/** Reads the progress file (empty when there is none or it is unreadable). */
export function readProgress(): ProgressFile {
  try {
    const p = JSON.parse(readFileSync(progressFile(), 'utf8')) as ProgressFile;
    return { exercises: p.exercises ?? {}, ...(p.current ? { current: p.current } : {}) };
  } catch {
    return { exercises: {} };
  }
}

/** Writes the progress file atomically. */
export function writeProgress(p: ProgressFile): void {
  mkdirSync(stateDir(), { recursive: true });
  const tmp = `${progressFile()}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(p, null, 2)}\n`);
  renameSync(tmp, progressFile());
}

/** Records a grade of exercise `id`: one attempt more, best score, time since the start. */
export function recordGrade(id: string, score: number, complete: boolean, now = new Date()): ExerciseProgress {
  const p = readProgress();
  const old = p.exercises[id] ?? { bestScore: 0, attempts: 0, completed: false, timeSpentMs: 0 };
  const since = p.current?.id === id ? Date.parse(p.current.lastMark ?? p.current.startedAt) : now.getTime();
  const next: ExerciseProgress = {
    bestScore: Math.max(old.bestScore, score),
    attempts: old.attempts + 1,
    completed: old.completed || complete,
    timeSpentMs: old.timeSpentMs + Math.max(0, now.getTime() - since),
    lastScore: score,
    lastGradedAt: now.toISOString(),
  };
  p.exercises[id] = next;
  if (p.current?.id === id) p.current = { ...p.current, lastMark: now.toISOString() };
  writeProgress(p);
  return next;
}

/** The status word of `list`: new, started, N% (best), done. */
export function statusOf(p: ExerciseProgress | undefined, running: boolean): string {
  const base = p === undefined ? 'new' : p.completed ? 'done' : `best ${p.bestScore}%`;
  return running ? `${base} (running)` : base;
}
