/**
 * What an interactive exec session (./session.ts) asks of the router: the seam between the sans-IO
 * session and the router it runs on (./router-backend.ts), faked in tests.
 */
import type { ModeMove } from '../config/live-mode.js';

/** The answer to one configuration line. */
export interface ConfigLineResult {
  /** IOS messages for the line (caret line and `%` message, notes); empty when it took effect silently. */
  output: string;
  move: ModeMove;
}

/** Options of `ping` (IOS: `ping A.B.C.D [repeat N] [size N] [timeout S] [source A.B.C.D]`). */
export interface PingOptions {
  repeat: number;
  size: number;
  timeoutSec: number;
  source?: string;
}

/** The router as a session sees it. */
export interface ExecBackend {
  /** The configured hostname (the prompt follows it live). */
  hostname(): string;
  /** `enable`: true/false when an enable secret or password is set, undefined when none is. */
  checkEnable(password: string): boolean | undefined;
  /** A show command's answer (IOS text or JSON; a refusal as IOS prints it after `prompt`). */
  show(line: string, prompt: string): Promise<string>;
  /** `clear ip nhrp`. */
  clearNhrp(): void;
  /** One line typed in configuration mode under `openers` (the lines that opened the sub-modes). */
  configure(openers: readonly string[], line: string, promptLength: number): Promise<ConfigLineResult>;
  /** `write memory`: saves the running config as the startup-config; returns what IOS prints. */
  writeMemory(): Promise<string>;
  /** The saved startup-config. */
  startupConfig(): Promise<string>;
  /** Runs ping, writing IOS output as replies come; stops early when `signal` fires. */
  ping(target: string, opts: PingOptions, write: (text: string) => void, signal: AbortSignal): Promise<void>;
  /** Runs traceroute, writing IOS output hop by hop; stops early when `signal` fires. */
  traceroute(target: string, write: (text: string) => void, signal: AbortSignal): Promise<void>;
  /** Log and debug lines of the router while subscribed; returns the function that ends it. */
  subscribeLog(sink: (line: string) => void): () => void;
}
