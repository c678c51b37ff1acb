/**
 * Building blocks of the show JSON schemas: the value lists several commands share, and the two
 * helpers every schema uses (a strict object, a nullable field with its meaning).
 */
import { z } from 'zod/v4';

/** An object with exactly these fields: a field the router adds without the schema fails the contract test. */
export const obj = z.strictObject;

/** A value, or null with the meaning given (`null when …`). */
export const orNull = <T extends z.ZodType>(t: T, description: string) => t.nullable().describe(description);

/** NHRP cache entry types. */
export const entryType = z.enum(['static', 'dynamic', 'incomplete', 'negative']).describe('NHRP cache entry type');

/** NHRP cache entry flags, in the order IOS prints them. */
export const entryFlag = z.enum(['router', 'unique', 'nat', 'registered', 'implicit', 'local', 'used', 'nhop', 'rib']);

/** How a cache entry was learned. */
export const entryOrigin = z
  .enum(['static', 'registration', 'resolution', 'requester', 'pending'])
  .describe(
    'how it was learned: static (ip nhrp map / nhs nbma), registration (we are its NHS), resolution (a reply ' +
      'to us), requester (the source of a request we answered), pending (our request, unanswered or negative)',
  );

/** IOS interface status and line protocol words. */
export const linkStatus = z.enum(['up', 'down', 'administratively down']).describe('interface status (IOS words)');
export const lineProtocol = z.enum(['up', 'down']).describe('line protocol');

/** Counters by reason: every reason the router counts is present, zero or not. */
export const byReason = z
  .record(z.string(), z.number().int())
  .describe('packets dropped, by reason (every reason present, zero or not)');
