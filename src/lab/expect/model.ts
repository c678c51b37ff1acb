/** What an expectations file becomes once validated: assertions ready to run, each knowing where it is written. */
import type { PathStep } from './path.js';
import type {
  AdjacencyAssertion,
  NhrpAssertion,
  PingAssertion,
  RouteAssertion,
  ShortcutAssertion,
  ShowAssertion,
} from './schema.js';

/** What an assertion runs as: its kind and fields, its test case name and the nodes it concerns. */
export type AssertionRun = {
  /** The test case name. */
  title: string;
  /** The nodes it concerns (the first is the one asked). */
  nodes: string[];
} & (
  | { kind: 'show'; spec: ShowAssertion; steps: PathStep[] }
  | { kind: 'route'; spec: RouteAssertion }
  | { kind: 'nhrp'; spec: NhrpAssertion }
  | { kind: 'ping'; spec: PingAssertion }
  | { kind: 'shortcut'; spec: ShortcutAssertion }
  | { kind: 'adjacency'; spec: AdjacencyAssertion }
);

/** An assertion ready to run: what it runs as, where it is written, and its wait budget. */
export type Expectation = AssertionRun & {
  /** `file:line:col` of the assertion, for messages. */
  where: string;
  waitMs: number;
  everyMs: number;
};

/** A validated expectations file. */
export interface ExpectFile {
  file: string;
  items: Expectation[];
}
