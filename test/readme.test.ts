import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { HELP } from '../src/cli/main.js';
import { THRESHOLDS } from '../src/analyse/index.js';
import { ROOT } from './helpers/paths.js';
import { runCli } from './helpers/run.js';
import { parseMarkdown, section, tableRows, textOf, walk, type MdNode } from './helpers/markdown.js';

/** The one owner placeholder the README uses in `uses:` lines. */
const PLACEHOLDER_USES = 'your-org/bisect-report@v1';

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}
interface ActionSpec {
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description?: string }>;
}

const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionSpec;
const inputNames = Object.keys(action.inputs);
const requiredInputs = inputNames.filter((n) => action.inputs[n].required === true);
const readmeText = readFileSync(join(ROOT, 'README.md'), 'utf8');
const readme = parseMarkdown(readmeText);

function firstTable(nodes: MdNode[]): MdNode | undefined {
  return nodes.find((n) => n.type === 'table');
}

/** A cell that must hold exactly one inline code span: its value. */
function codeCell(cell: MdNode): string | null {
  const kids = (cell.children ?? []).filter((k) => !(k.type === 'text' && k.value?.trim() === ''));
  return kids.length === 1 && kids[0].type === 'inlineCode' ? (kids[0].value ?? '') : null;
}

/** Default column: `value`, "(empty)" for '', "—" for no default. */
function defaultCell(cell: MdNode): string | undefined | null {
  const code = codeCell(cell);
  if (code !== null) return code;
  const text = textOf(cell).trim();
  if (text === '(empty)') return '';
  if (text === '—') return undefined;
  return null; // unreadable cell: fails the comparison
}

function requiredCell(cell: MdNode): boolean | null {
  const text = textOf(cell).trim().toLowerCase();
  return text === 'yes' ? true : text === 'no' ? false : null;
}

/** Every step-like object (has `uses`) anywhere in a parsed YAML value. */
function stepsUsing(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) stepsUsing(v, out);
  else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof obj.uses === 'string') out.push(obj);
    for (const v of Object.values(obj)) stepsUsing(v, out);
  }
  return out;
}

function isThisAction(uses: string): boolean {
  return uses === './' || /(^|\/)bisect-report@/.test(uses);
}

/** Problems with a step that uses this action: unknown inputs, missing required ones, bad enum values. */
function stepProblems(step: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const withBlock = (step.with ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(withBlock)) {
    if (!inputNames.includes(key)) problems.push(`unknown input '${key}'`);
  }
  for (const name of requiredInputs) {
    if (!(name in withBlock)) problems.push(`missing required input '${name}'`);
  }
  for (const [key, value] of Object.entries(withBlock)) {
    const def = action.inputs[key]?.default;
    const isBool = def === 'true' || def === 'false';
    const text = String(value);
    if (isBool && !['true', 'false'].includes(text) && !text.includes('${{')) {
      problems.push(`input '${key}' is boolean, got '${text}'`);
    }
    if (key === 'mention-author' && !['auto', 'always', 'never'].includes(text)) {
      problems.push(`mention-author must be auto|always|never, got '${text}'`);
    }
  }
  return problems;
}

const yamlBlocks: { line: number; value: string }[] = [];
walk(readme, (n) => {
  if (n.type === 'code' && (n.lang === 'yaml' || n.lang === 'yml')) {
    yamlBlocks.push({ line: n.position?.start.line ?? 0, value: n.value ?? '' });
  }
});

describe('README inputs and outputs tables match action.yml', () => {
  test('inputs: names, defaults and required, in action.yml order', () => {
    const table = firstTable(section(readme, 'Inputs'));
    expect(table).toBeDefined();
    const [header, ...rows] = tableRows(table!);
    expect(header.map((c) => textOf(c).trim())).toEqual(['Name', 'Default', 'Required', 'Description']);
    const fromReadme = rows.map((cells) => ({
      name: codeCell(cells[0]),
      default: defaultCell(cells[1]),
      required: requiredCell(cells[2]),
    }));
    const fromAction = inputNames.map((name) => ({
      name,
      default: action.inputs[name].default,
      required: action.inputs[name].required === true,
    }));
    expect(fromReadme).toEqual(fromAction);
    for (const cells of rows) expect(textOf(cells[3]).trim().length).toBeGreaterThan(10);
  });

  test('outputs: names in action.yml order, each described', () => {
    const table = firstTable(section(readme, 'Outputs'));
    expect(table).toBeDefined();
    const [header, ...rows] = tableRows(table!);
    expect(header.map((c) => textOf(c).trim())).toEqual(['Name', 'Description']);
    expect(rows.map((cells) => codeCell(cells[0]))).toEqual(Object.keys(action.outputs));
    for (const cells of rows) expect(textOf(cells[1]).trim().length).toBeGreaterThan(10);
  });
});

describe('README snippets', () => {
  test('the quick start is exactly the two commands', () => {
    const blocks = section(readme, 'Quick start').filter((n) => n.type === 'code');
    expect(blocks).toHaveLength(1);
    const commands = (blocks[0].value ?? '')
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
  });

  test('the README has YAML snippets for every usage pattern', () => {
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(5);
  });

  test.each(yamlBlocks.map((b) => [b.line, b.value] as const))(
    'yaml snippet at README line %i is valid YAML and uses only declared inputs',
    (_line, text) => {
      const docs = parseAllDocuments(text);
      for (const doc of docs) expect(doc.errors.map((e) => e.message)).toEqual([]);
      for (const doc of docs) {
        for (const step of stepsUsing(doc.toJS())) {
          const uses = step.uses as string;
          expect(uses).toMatch(/^(\.\/|[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w.-]+)$/);
          if (!isThisAction(uses)) continue;
          expect(uses).toBe(PLACEHOLDER_USES);
          expect(stepProblems(step)).toEqual([]);
        }
      }
    },
  );

  test('at least four snippets run the action, all through the same placeholder', () => {
    const steps = yamlBlocks.flatMap((b) => parseAllDocuments(b.value).flatMap((d) => stepsUsing(d.toJS())));
    expect(steps.filter((s) => isThisAction(s.uses as string)).length).toBeGreaterThanOrEqual(4);
    const mentions = readmeText.match(/[\w.-]+\/bisect-report@[\w.-]+/g) ?? [];
    expect(mentions.length).toBeGreaterThan(0);
    expect(new Set(mentions)).toEqual(new Set([PLACEHOLDER_USES]));
  });

  test('relative links and images point at files in the repository', () => {
    const targets: string[] = [];
    walk(readme, (n) => {
      if ((n.type === 'link' || n.type === 'image') && n.url && !/^[a-z]+:|^#/.test(n.url)) {
        targets.push(n.url.replace(/#.*$/, ''));
      }
    });
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((t) => !existsSync(join(ROOT, t)))).toEqual([]);
  });

  test('in-page links point at headings (GitHub anchor slugs)', () => {
    const slugs = new Set<string>();
    walk(readme, (n) => {
      if (n.type !== 'heading') return;
      slugs.add(
        textOf(n)
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s_-]/gu, '')
          .replace(/ /g, '-'),
      );
    });
    const anchors: string[] = [];
    walk(readme, (n) => {
      if (n.type === 'link' && n.url?.startsWith('#')) anchors.push(n.url.slice(1));
    });
    expect(anchors.length).toBeGreaterThan(0);
    expect(anchors.filter((a) => !slugs.has(a))).toEqual([]);
  });

  test('the trust labels section names every label the model has', () => {
    const model = readFileSync(join(ROOT, 'src/model.ts'), 'utf8');
    const labels = /type TrustLabel =([^;]+);/
      .exec(model)![1]
      .match(/'([a-z]+)'/g)!
      .map((l) => l.slice(1, -1));
    const table = firstTable(section(readme, 'Trust labels'));
    expect(table).toBeDefined();
    const named = tableRows(table!)
      .slice(1)
      .map((cells) => codeCell(cells[0]));
    expect(named).toEqual(labels);
  });

  test('the trust label thresholds in the README are the ones the analysis uses', () => {
    const rows = Object.fromEntries(
      tableRows(firstTable(section(readme, 'Trust labels'))!)
        .slice(1)
        .map((cells) => [codeCell(cells[0]), textOf(cells[1])]),
    );
    expect(rows.verified).toContain(`Probability ≥ ${THRESHOLDS.verified}`);
    expect(rows.verified).toContain(`(≥ ${Math.round(THRESHOLDS.verifiedLocation * 100)}%)`);
    expect(rows.likely).toContain(`Probability ≥ ${THRESHOLDS.likely}`);
    expect(rows.range).toContain(`at most ${THRESHOLDS.rangeCommits} commits`);
    expect(rows.contradicted).toContain(`less than ${Math.round(THRESHOLDS.contradicted * 100)}%`);
  });

  test('the reason codes table lists exactly the codes the analysis can give', () => {
    // Every `code: '...'` literal in the analysis sources is a reason code users can script against.
    const dir = join(ROOT, 'src', 'analyse');
    const inSource = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\bcode: '([a-z0-9-]+)'/g))
        inSource.add(m[1]);
    }
    expect(inSource.size).toBeGreaterThan(10);
    const table = firstTable(section(readme, 'Reason codes'));
    expect(table).toBeDefined();
    const documented = tableRows(table!)
      .slice(1)
      .map((cells) => codeCell(cells[0]));
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...inSource].sort());
  });
});

describe('workflows in .github/workflows', () => {
  const dir = join(ROOT, '.github', 'workflows');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  const parsed = Object.fromEntries(
    files.map((f) => [f, parseYaml(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>]),
  );

  test('the expected workflows exist', () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining(['check-dist.yml', 'ci.yml', 'release.yml', 'self-test.yml']),
    );
  });

  test.each(files)('%s parses, has triggers and jobs, and uses ./ with declared inputs only', (file) => {
    const wf = parsed[file];
    expect(wf.on).toBeDefined();
    expect(Object.keys(wf.jobs as object).length).toBeGreaterThan(0);
    for (const step of stepsUsing(wf.jobs)) {
      if (step.uses === './') expect(stepProblems(step)).toEqual([]);
      else expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v\d+$/);
    }
  });

  test('files that workflow run steps call exist in the repository', () => {
    const missing: string[] = [];
    for (const wf of Object.values(parsed)) {
      const runs = JSON.stringify(wf.jobs).match(/(?:examples|scripts)\/[\w.-]+\.(?:sh|mjs|txt|log)/g) ?? [];
      for (const path of runs) if (!existsSync(join(ROOT, path))) missing.push(path);
    }
    expect(missing).toEqual([]);
  });

  test('ci.yml runs the README test command on Node 24 and runs the action with uses: ./', () => {
    const steps = stepsUsing(parsed['ci.yml'].jobs);
    const setupNode = steps.find((s) => String(s.uses).startsWith('actions/setup-node@'));
    expect(String((setupNode?.with as Record<string, unknown>)?.['node-version'])).toBe('24');
    expect(JSON.stringify(parsed['ci.yml'].jobs)).toContain('"run":"npm ci && npm test"');
    const self = steps.find((s) => s.uses === './');
    expect((self?.with as Record<string, unknown>)?.['dry-run']).toBe(true);
  });

  test('self-test.yml builds a real flaky bisection and feeds it to the action in dry-run', () => {
    const text = JSON.stringify(parsed['self-test.yml'].jobs);
    expect(text).toContain('examples/make-flaky-bisection.sh');
    const self = stepsUsing(parsed['self-test.yml'].jobs).find((s) => s.uses === './');
    expect((self?.with as Record<string, unknown>)?.['dry-run']).toBe(true);
  });

  test('release.yml moves the major tag when a release is published', () => {
    const wf = parsed['release.yml'];
    expect((wf.on as Record<string, { types: string[] }>).release.types).toEqual(['published']);
    expect(JSON.stringify(wf.jobs)).toMatch(/git push[^"]*--force|git push[^"]* -f /);
  });

  test('the tag the README pins is the major tag release.yml makes, and the README says how to get it', () => {
    const jobs = JSON.stringify(parsed['release.yml'].jobs);
    // release.yml turns a vMAJOR.MINOR.PATCH release into the tag vMAJOR.
    expect(jobs).toContain('major=\\"v${BASH_REMATCH[1]}\\"');
    const pins = new Set(
      [...readmeText.matchAll(/bisect-report(?:\/[\w./-]+)?@(v\d+)\b|--branch (v\d+)\b/g)].map(
        (m) => m[1] ?? m[2],
      ),
    );
    expect([...pins]).toEqual(['v1']);
    expect(readmeText).toMatch(/release tagged `v1\.0\.0`[^\n]*release\.yml/);
    expect(readmeText).toMatch(/pin a full commit sha/);
  });
});

/** Commands and --flags the CLI source actually parses (parseArgs option keys and '--x' literals). */
function parsedCliSurface(): { commands: string[]; flags: string[] } {
  const dir = join(ROOT, 'src', 'cli');
  const flags = new Set<string>();
  const commands = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(join(dir, file), 'utf8').replace(/export const HELP = `[\s\S]*?`;/, '');
    for (const m of src.matchAll(/options:\s*\{/g)) {
      // Keys of the options object: `name: { type: ... }` at brace depth 1.
      let depth = 0;
      let i = m.index! + m[0].length - 1;
      const start = i;
      for (; i < src.length; i++) {
        if (src[i] === '{') depth++;
        else if (src[i] === '}' && --depth === 0) break;
      }
      const body = src.slice(start, i + 1);
      for (const k of body.matchAll(/['"]?([a-z][\w-]*)['"]?\s*:\s*\{\s*type\s*:/g)) flags.add(k[1]);
    }
    for (const m of src.matchAll(/['"]--([a-z][\w-]*)['"]/g)) flags.add(m[1]);
    for (const m of src.matchAll(/argv\[0\]\s*===\s*['"]([a-z][\w-]*)['"]/g)) commands.add(m[1]);
  }
  return { commands: [...commands].sort(), flags: [...flags].sort() };
}

describe('CLI --help', () => {
  const surface = parsedCliSurface();

  test('the CLI source has commands and flags to compare against', () => {
    expect(surface.commands).toContain('run');
    expect(surface.flags).toEqual(expect.arrayContaining(['format', 'json', 'markdown', 'help']));
  });

  test('--help lists every command and flag the CLI parses, each command with an example', () => {
    for (const flag of surface.flags) expect(HELP).toContain(`--${flag}`);
    const examples = HELP.slice(HELP.indexOf('Examples:'));
    expect(examples.length).toBeGreaterThan('Examples:'.length);
    for (const command of surface.commands) {
      expect(HELP).toContain(`bisect-report ${command}`);
      expect(examples).toMatch(new RegExp(`bisect-report(?:\\.js)? ${command}\\b`));
    }
  });

  test('every flag --help documents is one the CLI parses', () => {
    const documented = [...new Set([...HELP.matchAll(/--([a-z][\w-]*)/g)].map((m) => m[1]))];
    expect(documented.filter((f) => !surface.flags.includes(f))).toEqual([]);
  });

  test('the README documents every command and flag', () => {
    const cli = section(readme, 'Command line').map(textOf).join('\n');
    for (const flag of surface.flags) expect(cli).toContain(`--${flag}`);
    for (const command of surface.commands) expect(cli).toContain(` ${command} `);
  });

  test('the built CLI prints exactly this help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(HELP);
  });
});
