import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS } from '../src/formats/registry.js';
import { SCHEMA_VERSION } from '../src/model.js';
import { ROOT } from './helpers/paths.js';
import { runCli } from './helpers/run.js';
import { schemaErrors } from './helpers/schema.js';

/** The versioned JSON contract: what the built CLI prints validates against schema/report.schema.json. */

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8'));

function fixtureLogs(): string[] {
  const dirs = [join(ROOT, 'examples'), ...FORMATS.map((f) => join(ROOT, 'test', 'fixtures', f.name))];
  return dirs.flatMap((d) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((n) => /\.(txt|log)$/.test(n))
          .map((n) => join(d, n))
      : [],
  );
}

describe('JSON schema version', () => {
  test('the schema, the code and the documents agree on the version', () => {
    expect(schema.properties.schemaVersion.const).toBe(SCHEMA_VERSION);
    expect(schema.description).toContain(`Schema version ${SCHEMA_VERSION}.`);
  });

  test('--json output of every example and fixture validates, with its schemaVersion', async () => {
    const logs = fixtureLogs();
    expect(logs.length).toBeGreaterThan(3);
    const r = await runCli(['--json', ...logs]);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc.reports).toHaveLength(logs.length);
    expect(schemaErrors(doc)).toBeNull();
    // Every registered format shows up, so the check covers each parser's output.
    expect(new Set(doc.reports.map((x: { format: string }) => x.format))).toEqual(
      new Set(FORMATS.map((f) => f.name)),
    );
  });

  test('--json with no readable input is still a valid, versioned document', async () => {
    const r = await runCli(['--json', join(ROOT, 'no-such-file.log')]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({ schemaVersion: SCHEMA_VERSION, reports: [] });
    expect(schemaErrors(doc)).toBeNull();
  });

  test('the analysis block says it is unstable; format extras live under details.<format>', () => {
    expect(schema.definitions.analysis.description).toMatch(/^Unstable/);
    expect(schema.definitions.report.properties.analysis).toEqual({ $ref: '#/definitions/analysis' });
    const details = schema.definitions.report.properties.details;
    expect(details.additionalProperties).toBe(false);
    // Only registered formats may have a details object.
    const names = new Set(FORMATS.map((f) => f.name));
    for (const name of Object.keys(details.properties)) expect(names.has(name as never)).toBe(true);
  });
});
