import type { Command } from 'commander';
import { registerDecode } from './decode.js';
import { registerDemo } from './demo.js';

/** Each entry adds one subcommand to the program. Keep one file per command. */
export const commands: Array<(program: Command) => void> = [registerDecode, registerDemo];
