/** Certification exercises: graded labs with hints, a reference solution and a diagnosis by layer. */
export { exerciseIds, exercisesRoot, findExercise } from './catalog.js';
export { auditLab, type LabAudit } from './audit.js';
export { ExerciseError, EXIT_MODIFIED, type Modification } from './errors.js';
export { assertGradable, gradeExercise, type Grade, type ItemResult } from './grade.js';
export { loadExercise, parseExercise, type Exercise, type Item } from './load.js';
export { readProgress, recordGrade, statusOf } from './progress.js';
export { gradeJson, gradeJunit, gradeText, refusalJson } from './report.js';
export { exerciseJsonSchema } from './schema.js';
export { applySolution, currentRunning, DEFAULT_EXERCISE_LAB, labUp, startExercise, stopExercise } from './session.js';
export { liveGrade, needsTraffic, type LiveGrade, type LiveItem } from './live.js';
