import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { ROOT } from './paths.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8'));
const compiled = new Ajv({ allErrors: true }).compile(schema);

/** Validates a `{"reports": [...]}` document; returns ajv's error text or null. */
export function schemaErrors(doc: unknown): string | null {
  return compiled(doc) ? null : JSON.stringify(compiled.errors, null, 1);
}
