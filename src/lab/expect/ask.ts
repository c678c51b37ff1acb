/**
 * Asking the lab for the assertions: a router's show command (JSON form) through its control socket,
 * the address a node name stands for, and the output kept with a result.
 */
import { controlJson } from '../../node/api/index.js';
import type { CheckContext } from '../checks/context.js';
import type { Evidence, Figure } from '../checks/model.js';

/** What one try found. */
export interface Attempt {
  ok: boolean;
  /** One line: what was found. */
  found: string;
  /** The output that decided it (a show command's answer, as text). */
  output: string;
  evidence?: Evidence[];
  figures?: Record<string, Figure>;
}

const MAX_OUTPUT = 8000;
/** How long a router has to answer one show command. */
export const TIMEOUT_MS = 5000;

/** Answer text as kept in a result: the command, then the answer (cut at 8000 characters). */
export function outputOf(node: string, command: string, answer: string): string {
  const text = answer.length > MAX_OUTPUT ? `${answer.slice(0, MAX_OUTPUT)}\n… (${answer.length} characters)` : answer;
  return `${node}# ${command}\n${text.trimEnd()}`;
}

/** A node's address for assertions: a host's address, a router's tunnel address; an IPv4 address as is. */
export function addressOf(ctx: CheckContext, nameOrAddress: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(nameOrAddress)) return nameOrAddress;
  const host = ctx.view.hosts.find((h) => h.name === nameOrAddress);
  if (host) return host.address;
  return ctx.view.routers.find((r) => r.name === nameOrAddress)?.tunnelAddress;
}

/** A router's control socket; throws when the node has none. */
export function control(ctx: CheckContext, node: string): string {
  const r = ctx.view.routers.find((x) => x.name === node);
  if (!r?.control) throw new Error(`${node} has no control socket (is it a router of lab ${ctx.view.state.name}?)`);
  return r.control;
}

/** Asks `node` for `command`'s JSON form; returns it with its text as kept in a result. */
export async function showJson(
  ctx: CheckContext,
  node: string,
  command: string,
): Promise<{ doc: unknown; output: string }> {
  const doc = await controlJson(control(ctx, node), command, TIMEOUT_MS);
  return { doc, output: outputOf(node, `${command} json`, JSON.stringify(doc, null, 2)) };
}

/** The address of a node name (or the address itself); throws when the node has none. */
export function resolve(ctx: CheckContext, nameOrAddress: string): string {
  const a = addressOf(ctx, nameOrAddress);
  if (a === undefined)
    throw new Error(`${nameOrAddress} has no address to assert on (a host or a router with a tunnel)`);
  return a;
}
