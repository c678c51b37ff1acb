import type { Command } from 'commander';
import { registerDecode } from './decode.js';
import { registerDemo } from './demo.js';
import { registerUp } from './up.js';
import { registerDown } from './down.js';
import { registerStatus } from './status.js';
import { registerInspect } from './inspect.js';
import { registerExec } from './exec.js';
import { registerCli } from './cli.js';
import { registerSsh } from './ssh.js';
import { registerCapture } from './capture.js';
import { registerLogs } from './logs.js';
import { registerGenerate } from './generate.js';
import { registerSchema } from './schema.js';
import { registerSimulate } from './simulate.js';
import { registerCheck } from './check.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerStop } from './stop.js';
import { registerStart } from './start.js';
import { registerRestart } from './restart.js';
import { registerLink } from './link.js';
import { registerValidate } from './validate.js';
import { registerGraph } from './graph.js';
import { registerUse } from './use.js';
import { registerTui } from './tui.js';
import { registerReport } from './report.js';
import { registerExercise } from './exercise.js';

/** Each entry adds one subcommand to the program. Keep one file per command. */
export const commands: Array<(program: Command) => void> = [
  registerDecode,
  registerDemo,
  registerUp,
  registerDown,
  registerStatus,
  registerInspect,
  registerExec,
  registerCli,
  registerSsh,
  registerCapture,
  registerLogs,
  registerGenerate,
  registerSchema,
  registerSimulate,
  registerCheck,
  registerExport,
  registerImport,
  registerStop,
  registerStart,
  registerRestart,
  registerLink,
  registerValidate,
  registerGraph,
  registerUse,
  registerTui,
  registerReport,
  registerExercise,
];
