/** What parsing a configuration reports besides the config itself: ignored lines and warnings. */
import type { ConfigError } from './errors.js';
import type { RouterConfig } from './model.js';

/** A line inside an ignored block (a banner's text, a policy-map's classes). */
export interface IgnoredChild {
  line: number;
  text: string;
}

/**
 * A command dmvpnd does not act on, reported once with its line number.
 * `unsupported`: not supported, ignored. `inactive`: recorded in the config, not active yet (IPsec).
 */
export interface IgnoredLine {
  file: string;
  line: number;
  text: string;
  reason: string;
  status: 'unsupported' | 'inactive';
  /** The sub-mode the line was in, e.g. "interface Tunnel0". */
  context?: string;
  children: IgnoredChild[];
}

/** Something that loaded but is probably not what was meant (e.g. an NHS without an NBMA address). */
export interface ConfigWarning {
  code: string;
  file: string;
  line: number;
  text: string;
  message: string;
}

/** Where one `ip address` line stands in the file: the interface, the address, its line and column. */
export interface AddressLine {
  interface: string;
  address: string;
  prefixLength: number;
  line: number;
  column: number;
}

/** The outcome of loading a configuration: the config (every valid line applied), ignored lines, errors, warnings. */
export interface ParseResult {
  config: RouterConfig;
  ignored: IgnoredLine[];
  errors: ConfigError[];
  warnings: ConfigWarning[];
  /** The `ip address` lines in force, with their positions (for tools that name the line of an address). */
  addressLines?: AddressLine[];
}
