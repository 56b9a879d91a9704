import { readFileSync } from 'node:fs';
import type * as Model from '../src/model.js';
import type * as Schema from '../schema/report.js';
import { ROOT } from './helpers/paths.js';

/**
 * schema/report.ts is generated from schema/report.schema.json (`npm run schema-types`); the
 * hand-written model in src/model.ts must describe the same documents. The type checks below fail
 * `npm run typecheck` on drift; the test fails when the generated file is stale.
 */

/** True when A and B accept exactly the same values. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Element<T> = T extends readonly (infer E)[] ? Element<E> : T;
/** True when A and B name the same fields, all the way down (an optional field only one has counts). */
type SameFields<A, B> = [A] extends [object]
  ? [B] extends [object]
    ? Same<Exclude<keyof A, number>, Exclude<keyof B, number>> extends true
      ? false extends {
          [P in keyof A & keyof B]-?: SameFields<Element<NonNullable<A[P]>>, Element<NonNullable<B[P]>>>;
        }[keyof A & keyof B]
        ? false
        : true
      : false
    : false
  : true;

// Every report the code writes is a document the schema describes, and the other way round.
const reportsAgree: Same<Model.Report, Schema.Report> = true;
const commitsAgree: Same<Model.Commit, Schema.Commit> = true;
const stepsAgree: Same<Model.Step, Schema.Step> = true;
const trustAgrees: Same<Model.Trust, Schema.Trust> = true;
const analysisAgrees: Same<Model.Analysis, Schema.Analysis> = true;
const fieldsAgree: SameFields<Model.Report, Schema.Report> = true;

test('the model and the schema types agree (checked by the compiler)', () => {
  expect([reportsAgree, commitsAgree, stepsAgree, trustAgrees, analysisAgrees, fieldsAgree]).toEqual([
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
});

test('schema/report.ts is what `npm run schema-types` makes of the schema today', async () => {
  const { schemaTypes, OUT } = await import('../scripts/schema-types.mjs');
  expect(readFileSync(OUT, 'utf8')).toBe(await schemaTypes());
  expect(OUT).toBe(`${ROOT}/schema/report.ts`);
});
