/**
 * The shape of an expectations file (`dmvpn-lab check LAB --expect FILE`), as zod schemas: one per
 * kind of assertion. It is the single source for validation and for schema/expect.schema.json.
 * A file is `defaults` (wait budget) and `expect`, a list of assertions; each assertion is a show
 * command with what must hold in its answer, or one of the ready-made ones (route, nhrp, ping,
 * shortcut, adjacency).
 */
import { z } from 'zod/v4';

/** A time: seconds as a number, or a number with ms, s or m. */
export const durationSchema = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?(ms|s|m)$/)], {
    error: 'expected seconds or a time like 500ms, 10s or 2m',
  })
  .meta({ id: 'duration', description: 'seconds, or a number with ms, s or m (500ms, 10s, 2m)' });

/** Milliseconds of a duration that passed the schema. */
export function durationMs(d: number | string): number {
  if (typeof d === 'number') return Math.round(d * 1000);
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(d)!;
  const n = Number(m[1]);
  return Math.round(m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000);
}

const budget = {
  wait: durationSchema
    .optional()
    .describe('how long to keep trying until it holds (default: defaults.wait, else 10s); 0: one try'),
  every: durationSchema.optional().describe('time between tries (default: defaults.every, else 1s)'),
};

const common = {
  name: z.string().min(1).optional().describe('the test case name (default: made from the assertion)'),
  ...budget,
  pass: z.string().optional().describe('the message when it holds'),
  fail: z.string().optional().describe('the message when it does not hold'),
};

const node = z.string().min(1);
const address = z
  .string()
  .min(1)
  .describe('an IPv4 address, or a node name (a host: its address; a router: its tunnel address)');

/** A show command on one router and what must hold in its answer (JSON form unless `text`). */
export const showSchema = z
  .object({
    ...common,
    node: node.describe('the router to ask'),
    show: z
      .string()
      .regex(/^\s*show\s/, 'expected a show command')
      .describe('the show command, without "json"'),
    text: z.boolean().optional().describe('read the text form (matches, lacks) instead of the JSON form'),
    path: z
      .string()
      .optional()
      .describe('JSON form: where to look, e.g. interfaces[].nhs[address=10.0.0.1].state (default: the whole answer)'),
    present: z.boolean().optional().describe('JSON form: the path selects something (true) or nothing (false)'),
    equals: z
      .union([z.string(), z.number(), z.boolean(), z.null()])
      .optional()
      .describe('JSON form: every value the path selects equals this (and there is one)'),
    atLeast: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('JSON form: the path selects at least N values (a list counts its items); text: N lines match'),
    matches: z.string().optional().describe('a regular expression: every value selected matches; text: a line matches'),
    lacks: z.string().optional().describe('text form: a regular expression no line matches'),
  })
  .strict();

/** `route P via N on R`: R has a route to prefix P (via next hop N, with IOS code C). */
export const routeSchema = z
  .object({
    ...common,
    route: z.string().describe('the prefix, e.g. 10.1.2.0/24'),
    on: node.describe('the router whose table is read'),
    via: address.optional().describe('the next hop (an address or a router: its tunnel address)'),
    code: z.string().optional().describe('IOS route code, e.g. H (NHRP), S, D, O, B'),
  })
  .strict();

/** `nhrp entry`: R's NHRP cache has an entry for an address (with this NBMA address, of this type). */
export const nhrpSchema = z
  .object({
    ...common,
    nhrp: address.describe('the protocol address of the entry (or a router: its tunnel address)'),
    on: node.describe('the router whose cache is read'),
    nbma: z.string().optional().describe('the NBMA address the entry must have'),
    type: z.enum(['static', 'dynamic', 'incomplete', 'negative']).optional(),
  })
  .strict();

/** `ping A from R`: echoes from node R (a host or a router) to A get a reply. */
export const pingSchema = z
  .object({
    ...common,
    ping: address.describe('the destination'),
    from: node.describe('the node that pings (a host or a router)'),
    count: z.number().int().min(1).max(100).optional().describe('echoes per try (default 3)'),
  })
  .strict();

/** `shortcut between R1 and R2`: traffic between their LANs makes R1 install an NHRP shortcut to R2's LAN. */
export const shortcutSchema = z
  .object({
    ...common,
    shortcut: z.tuple([node, node]).describe('two spokes with a LAN host each: [from, to]'),
  })
  .strict();

/** The routing protocols whose adjacencies can be asserted. */
export const ADJACENCY_PROTOCOLS = ['ospf', 'bgp', 'eigrp'] as const;

/** `adjacency`: R has an adjacency of the protocol up (with a neighbor, or at least N). */
export const adjacencySchema = z
  .object({
    ...common,
    adjacency: z.enum(ADJACENCY_PROTOCOLS).describe('ospf (FULL), bgp (Established) or eigrp (up)'),
    on: node.describe('the router whose neighbors are read'),
    with: address.optional().describe('the neighbor (an address or a router: its tunnel address)'),
    atLeast: z.number().int().min(1).optional().describe('at least N adjacencies up (default 1)'),
  })
  .strict();

/** Each assertion kind by the key that names it. */
export const ASSERTION_KINDS = {
  show: showSchema,
  route: routeSchema,
  nhrp: nhrpSchema,
  ping: pingSchema,
  shortcut: shortcutSchema,
  adjacency: adjacencySchema,
} as const;

/** The name of an assertion kind. */
export type AssertionKind = keyof typeof ASSERTION_KINDS;

export type ShowAssertion = z.infer<typeof showSchema>;
export type RouteAssertion = z.infer<typeof routeSchema>;
export type NhrpAssertion = z.infer<typeof nhrpSchema>;
export type PingAssertion = z.infer<typeof pingSchema>;
export type ShortcutAssertion = z.infer<typeof shortcutSchema>;
export type AdjacencyAssertion = z.infer<typeof adjacencySchema>;

/** The file-wide defaults. */
export const defaultsSchema = z.object(budget).strict();

/** The whole file (for the JSON schema; validation goes kind by kind for precise messages). */
export const expectFileSchema = z
  .object({
    defaults: defaultsSchema.optional(),
    expect: z
      .array(z.union(Object.values(ASSERTION_KINDS)))
      .min(1)
      .describe('the assertions, in the order they run'),
  })
  .strict()
  .meta({ title: 'dmvpn-lab expectations', description: 'dmvpn-lab check LAB --expect FILE' });

/** The top level, checked before the assertions one by one. */
export const shellSchema = z
  .object({ defaults: z.unknown().optional(), expect: z.array(z.unknown()).min(1, 'at least one assertion') })
  .strict();
