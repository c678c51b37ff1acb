/** The JSON schema for editors (schema/topology.schema.json), generated from the zod schema. */
import { z } from 'zod/v4';
import { topologySchema } from './schema.js';

/** The topology JSON schema (draft-07, what yaml-language-server reads best), as pretty JSON text. */
export function topologyJsonSchema(): string {
  const schema = z.toJSONSchema(topologySchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    reused: 'ref',
  });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
