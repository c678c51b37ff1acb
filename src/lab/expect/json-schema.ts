/** The JSON schema of expectations files for editors (schema/expect.schema.json), generated from the zod schemas. */
import { z } from 'zod/v4';
import { expectFileSchema } from './schema.js';

/** The expectations JSON schema (draft-07, what yaml-language-server reads best), as pretty JSON text. */
export function expectJsonSchema(): string {
  const schema = z.toJSONSchema(expectFileSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    reused: 'inline',
  });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
