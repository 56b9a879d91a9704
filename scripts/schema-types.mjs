// `npm run schema-types`: writes schema/report.ts, the TypeScript types of schema/report.schema.json,
// with json-schema-to-typescript. test/schema-types.test.ts fails when the committed file is stale and
// when the hand-written model (src/model.ts) and these types disagree.
//
//   node scripts/schema-types.mjs           # writes schema/report.ts
//   node scripts/schema-types.mjs --print   # prints it instead
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import prettier from 'prettier';

const root = resolve(new URL('..', import.meta.url).pathname);
export const OUT = join(root, 'schema', 'report.ts');

export async function schemaTypes() {
  const schema = JSON.parse(readFileSync(join(root, 'schema', 'report.schema.json'), 'utf8'));
  const text = await compile(schema, 'BisectReportDocument', {
    additionalProperties: false,
    bannerComment:
      '/* Generated from schema/report.schema.json by `npm run schema-types` (json-schema-to-typescript): do not edit. */',
    unreachableDefinitions: true,
    format: false,
  });
  // The repository's own style, so lint passes and the drift test compares like with like.
  return prettier.format(text, { ...(await prettier.resolveConfig(OUT)), filepath: OUT });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = await schemaTypes();
  if (process.argv.includes('--print')) process.stdout.write(text);
  else {
    writeFileSync(OUT, text);
  }
}
