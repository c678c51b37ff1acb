/**
 * Where exercises are: the `exercises/` folder of the installation ($DMVPN_LAB_EXERCISES overrides
 * it), one folder per exercise. Listing skips nothing silently: a folder that does not load is
 * reported with its error.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExerciseError } from './errors.js';
import { loadExercise, type Exercise } from './load.js';

/** The exercises folder: $DMVPN_LAB_EXERCISES, else `exercises/` at the root of the installation. */
export function exercisesRoot(): string {
  if (process.env.DMVPN_LAB_EXERCISES) return resolve(process.env.DMVPN_LAB_EXERCISES);
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'exercises');
}

/** The ids of every exercise folder (those with an exercise.yml), sorted. */
export function exerciseIds(root = exercisesRoot()): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => statSync(join(root, d)).isDirectory() && existsSync(join(root, d, 'exercise.yml')))
    .sort();
}

/** Loads exercise `id`; throws EXERCISE_UNKNOWN naming the known ones. */
export function findExercise(id: string, root = exercisesRoot()): Exercise {
  const ids = exerciseIds(root);
  if (!ids.includes(id))
    throw new ExerciseError('EXERCISE_UNKNOWN', `no exercise "${id}" in ${root} (known: ${ids.join(', ') || 'none'})`);
  return loadExercise(join(root, id));
}
