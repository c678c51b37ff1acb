/**
 * The shape of an exercise file (`exercises/<id>/exercise.yml`), as zod schemas: the single source
 * for validation and for schema/exercise.schema.json. An exercise is a lab (a topology in its folder,
 * starting configs some of which are broken), graded items (a check of `dmvpn-lab check`, or an
 * assertion as in an --expect file), layered hints and a reference solution (IOS lines per router).
 */
import { z } from 'zod/v4';
import { ASSERTION_KINDS } from '../expect/schema.js';
import { LAYERS } from './diagnose.js';

/**
 * The checks an item may name: those that only watch the lab, and failover, which stops the primary
 * hub, then restores it.
 */
export const ITEM_CHECKS = ['registration', 'phase', 'reachability', 'nat', 'failover'] as const;

/** Levels, from the first DMVPN lab to the expert troubleshooting ticket. */
export const LEVELS = ['beginner', 'intermediate', 'advanced', 'expert'] as const;

const common = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lowercase letters, digits and dashes')
    .describe('the item id'),
  title: z.string().min(1).describe('what the student must achieve, one line'),
  weight: z.number().int().min(1).max(100).optional().describe('its share of the score (default 1)'),
  pass: z.string().optional().describe('feedback when it holds'),
  fail: z.string().optional().describe('feedback when it does not hold'),
};

/** An item graded by a check of `dmvpn-lab check`, restricted to results that concern the nodes listed. */
export const checkItemSchema = z
  .object({
    ...common,
    check: z.enum(ITEM_CHECKS).describe('the check that grades it'),
    nodes: z.array(z.string().min(1)).optional().describe('only the results concerning all these nodes'),
  })
  .strict();

/** An item graded by one assertion of an --expect file (docs/ci.md). */
export const assertItemSchema = z
  .object({
    ...common,
    assert: z.union(Object.values(ASSERTION_KINDS)).describe('an assertion as in an --expect file'),
  })
  .strict();

/** The whole file (for the JSON schema; validation goes part by part for precise messages). */
export const exerciseFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lowercase letters, digits and dashes'),
    title: z.string().min(1),
    topics: z.array(z.string().min(1)).min(1).describe('certification topics, e.g. nhrp, phase3, eigrp'),
    level: z.enum(LEVELS),
    minutes: z.number().int().min(1).describe('time estimate in minutes'),
    lab: z
      .object({
        topology: z.string().min(1).describe('the topology file, relative to the exercise folder'),
      })
      .strict(),
    task: z.string().min(1).optional().describe('the task text (Markdown), default task.md'),
    items: z
      .array(z.union([checkItemSchema, assertItemSchema]))
      .min(1)
      .describe('the graded items'),
    fault: z
      .object({
        item: z.string().min(1).describe('the id of an item the starting configs fail'),
        layer: z.enum(LAYERS).describe('the first broken layer the grade must name for it'),
      })
      .strict()
      .optional()
      .describe('why the start fails: verified by the test suite, with the solution reaching 100%'),
    hints: z.array(z.string().min(1)).optional().describe('hints, from a nudge to the answer'),
    solution: z
      .record(z.string(), z.array(z.string()))
      .describe('the reference solution: IOS configuration lines per router, applied in order'),
    scope: z
      .record(z.string(), z.array(z.string().min(1)))
      .optional()
      .describe(
        'what the student may change, per router: section heads (interface Tunnel0, ip route, router eigrp, *); ' +
          'default: the sections the solution writes. A change elsewhere is graded "modified beyond the task"',
      ),
  })
  .strict()
  .meta({ title: 'dmvpn-lab exercise', description: 'exercises/<id>/exercise.yml' });

/** The top level, checked before the items one by one. */
export const shellSchema = exerciseFileSchema.extend({ items: z.array(z.unknown()).min(1, 'at least one item') });

export type CheckItemSpec = z.infer<typeof checkItemSchema>;
export type AssertItemSpec = z.infer<typeof assertItemSchema>;
export type ExerciseSpec = z.infer<typeof shellSchema>;

/** The exercise JSON schema (draft-07), as pretty JSON text. */
export function exerciseJsonSchema(): string {
  const schema = z.toJSONSchema(exerciseFileSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    reused: 'inline',
  });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
