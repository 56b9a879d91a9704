import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../src/model.js';
import { linearHistory, loggedVerdicts, makeRepo, type ScratchRepo } from './helpers/gitRepo.js';
import { runCli } from './helpers/run.js';

/**
 * A plain `git bisect run` console log (no `git bisect log` appended) shows which commits git
 * tested but not its verdicts. Read inside the checkout, every tested commit must still appear with
 * the verdict git gave it; read elsewhere, the report says the verdicts are not shown rather than
 * calling the commits untestable.
 */
const FAILING_TEST =
  'grep -q BUG state.txt && { echo "FAIL: state is BUG after $$ ms"; exit 1; }; echo ok; exit 0';

function consoleOnly(
  repo: ScratchRepo,
  bad: string,
  good: string,
  dir: string,
): { file: string; truth: Map<string, string> } {
  const out = repo.sh(`git bisect start ${bad} ${good} && git bisect run ./test.sh`).output;
  const truth = new Map(loggedVerdicts(repo.git('bisect', 'log')).map((v) => [v.sha, v.term]));
  repo.git('bisect', 'reset');
  const file = join(dir, 'console.log');
  writeFileSync(file, out);
  return { file, truth };
}

async function readJson(file: string, cwd: string): Promise<Report> {
  const r = await runCli(['--json', file], { cwd });
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { reports: Report[] }).reports[0];
}

describe('plain git bisect run console, no git bisect log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-console-out-'));

  test('linear history: inside the checkout every tested commit has git verdict', async () => {
    const repo = makeRepo('br-console-');
    const shas = linearHistory(repo, 40, 23);
    repo.script('test.sh', FAILING_TEST);
    const { file, truth } = consoleOnly(repo, shas[40], shas[0], dir);
    const r = await readJson(file, repo.dir);
    expect(r.culprit?.sha).toBe(shas[23]);
    expect(truth.size).toBeGreaterThanOrEqual(5);
    for (const [sha, term] of truth) {
      const step = r.steps.find((s) => s.commit === sha);
      expect({ sha, verdict: step?.verdict }).toEqual({ sha, verdict: term });
    }
    const codes = r.trust!.reasons.map((x) => x.code);
    expect(codes).not.toContain('verdicts-not-shown');
    expect(codes).not.toContain('untestable-neighbours');
    expect(codes).toContain('plain-bisect-no-repeats');
  });

  test('outside the checkout: the verdicts are said to be missing, not the commits untestable', async () => {
    const repo = makeRepo('br-console-away-');
    const shas = linearHistory(repo, 40, 23);
    repo.script('test.sh', FAILING_TEST);
    const { file } = consoleOnly(repo, shas[40], shas[0], dir);
    const r = await readJson(file, dir);
    expect(r.culprit?.sha).toBe(shas[23]);
    const codes = r.trust!.reasons.map((x) => x.code);
    expect(codes).toContain('verdicts-not-shown');
    expect(codes).not.toContain('untestable-neighbours');
    expect(r.trust!.label).not.toBe('verified');
    expect(r.trust!.label).not.toBe('likely');
    // Without the verdicts the window's shape is unknown: no range is claimed.
    expect(r.trust!.label).not.toBe('range');
    expect(r.trust!.range95 ?? null).toBeNull();
  });

  test('a culprit on a merged branch: verdicts follow ancestry, not the order of commits', async () => {
    const repo = makeRepo('br-console-merge-');
    const base = repo.commit('Initial import', { 'app.txt': 'v0\n', 'state.txt': 'ok\n' });
    for (let i = 1; i <= 8; i++) repo.commit(`feature: option ${i}`, { 'app.txt': `v${i}\n` });
    repo.git('checkout', '-q', '-b', 'side', base);
    for (let i = 1; i <= 3; i++) repo.commit(`side: step ${i}`, { [`side${i}.txt`]: `${i}\n` });
    const culprit = repo.commit('parser: switch to the fast path', { 'state.txt': 'BUG\n' });
    for (let i = 4; i <= 6; i++) repo.commit(`side: step ${i}`, { [`side${i}.txt`]: `${i}\n` });
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '-m', 'Merge side', 'side');
    for (let i = 9; i <= 12; i++) repo.commit(`feature: option ${i}`, { 'app.txt': `v${i}\n` });
    repo.script('test.sh', FAILING_TEST);
    const { file, truth } = consoleOnly(repo, repo.git('rev-parse', 'HEAD'), base, dir);
    const r = await readJson(file, repo.dir);
    expect(r.culprit?.sha).toBe(culprit);
    for (const [sha, term] of truth) {
      expect({ sha, verdict: r.steps.find((s) => s.commit === sha)?.verdict }).toEqual({
        sha,
        verdict: term,
      });
    }
  });
});
