/**
 * Real bisections in scratch repositories (real git), parsed back: the parsed culprit, candidates,
 * status, per-step verdicts and run tallies must match what git itself recorded (`git bisect log`,
 * `refs/bisect/*`) in the same run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLog } from '../src/read/readLog.js';
import type { Report, Verdict } from '../src/model.js';
import { linearHistory, loggedVerdicts, makeRepo, type ScratchRepo } from './helpers/gitRepo.js';
import { runProcess } from './helpers/run.js';
import { DIST_CLI, ROOT } from './helpers/paths.js';
import { schemaErrors } from './helpers/schema.js';

const out = mkdtempSync(join(tmpdir(), 'br-gitlogs-'));
let counter = 0;

function parse(text: string, format: 'auto' | 'git' = 'auto'): Report {
  const file = join(out, `log-${++counter}.txt`);
  writeFileSync(file, text);
  return readLog(file, format);
}

function verdictOf(term: string, terms: { old: string; new: string }): Verdict {
  if (term === 'skip') return 'skip';
  if (term === terms.new) return 'bad';
  if (term === terms.old) return 'good';
  throw new Error(`unexpected term ${term}`);
}

/** Runs a whole `git bisect run` and returns the console text, the log and git's refs. */
function bisectRun(
  repo: ScratchRepo,
  startArgs: string,
  runArgs: string,
): { console: string; log: string; status: number } {
  const start = repo.sh(`git bisect start ${startArgs}`);
  const run = repo.sh(`git bisect run ${runArgs}`);
  const log = repo.sh('git bisect log').output;
  return {
    console: `$ git bisect start ${startArgs}\n${start.output}${run.output}`,
    log,
    status: run.status,
  };
}

/**
 * Every step the parser reports must be a commit git marked, in git's order, and its verdict is
 * either git's or (console only, when nothing printed it) 'untested'.
 */
function expectStepsMatch(
  report: Report,
  log: string,
  terms = { old: 'good', new: 'bad' },
  allowUntested = false,
): void {
  const marked = loggedVerdicts(log);
  expect(report.steps.map((s) => s.commit)).toEqual(marked.map((m) => m.sha));
  report.steps.forEach((s, i) => {
    const want = verdictOf(marked[i].term, terms);
    if (allowUntested && s.verdict === 'untested') return;
    expect(`${s.commit} ${s.verdict}`).toBe(`${s.commit} ${want}`);
  });
}

describe('git bisect run in scratch repositories', () => {
  test('single culprit: console alone and console + git bisect log', () => {
    const repo = makeRepo();
    const shas = linearHistory(repo, 20, 13);
    repo.script('test.sh', 'echo "checking $(git rev-parse --short HEAD)"; ! grep -q BUG state.txt');
    const r = bisectRun(repo, 'HEAD v1.0', './test.sh');
    const culprit = repo.git('rev-parse', 'refs/bisect/bad');
    expect(culprit).toBe(shas[13]); // git found the planted culprit

    const consoleOnly = parse(r.console);
    expect(consoleOnly.format).toBe('git-bisect-run');
    expect(consoleOnly.status).toBe('found');
    expect(consoleOnly.culprit).toMatchObject({
      sha: culprit,
      subject: 'parser: switch to the fast path',
      author: { name: 'Test Author', email: 'author@example.com' },
      merge: false,
    });
    expect(consoleOnly.culprit?.files.map((f) => f.path).sort()).toEqual(['app.txt', 'state.txt']);
    expectStepsMatch(consoleOnly, r.log, undefined, true);
    // the console alone still knows the last step and every step that tested the culprit
    expect(consoleOnly.steps[consoleOnly.steps.length - 1].verdict).not.toBe('untested');
    for (const s of consoleOnly.steps) {
      expect(s.revisionsLeft).toEqual(expect.any(Number));
      if (s.verdict !== 'untested') expect(s.runs).toMatchObject({ total: 1, estimated: true });
    }

    const withLog = parse(`${r.console}$ git bisect log\n${r.log}`);
    expect(withLog.status).toBe('found');
    expect(withLog.culprit?.sha).toBe(culprit);
    expectStepsMatch(withLog, r.log);
    expect(withLog.window).toEqual({ good: [shas[0]], bad: shas[20] });

    const logOnly = parse(r.log);
    expect(logOnly.format).toBe('git-bisect-log');
    expect(logOnly).toMatchObject({ status: 'found', culprit: { sha: culprit, author: null } });
    expect(logOnly.culprit?.subject).toBe('parser: switch to the fast path');
    expectStepsMatch(logOnly, r.log);
  });

  test('exit-125 skips around the culprit: ambiguous with git’s candidates', () => {
    const repo = makeRepo();
    linearHistory(repo, 20, 12, [11, 12, 13]);
    repo.script(
      'test.sh',
      '[ -e broken ] && { echo "build failed, skipping"; exit 125; }\n! grep -q BUG state.txt',
    );
    const r = bisectRun(repo, 'HEAD v1.0', './test.sh');
    const possible = [...r.log.matchAll(/^# possible first bad commit: \[([0-9a-f]{40})\]/gm)].map(
      (m) => m[1],
    );
    expect(possible.length).toBeGreaterThan(1); // git really ended ambiguous

    const report = parse(r.console);
    expect(report.status).toBe('ambiguous');
    expect(report.culprit).toBeNull();
    expect(report.candidates.map((c) => c.sha).sort()).toEqual([...possible].sort());
    expectStepsMatch(report, r.log, undefined, true);
    // skips are recognised from the console alone (git repeats the same count after a skip)
    const skipped = loggedVerdicts(r.log).filter((m) => m.term === 'skip').length;
    expect(report.steps.filter((s) => s.verdict === 'skip').length).toBe(skipped);

    const logOnly = parse(r.log);
    expect(logOnly.status).toBe('ambiguous');
    expect(logOnly.candidates.map((c) => c.sha).sort()).toEqual([...possible].sort());
    expect(logOnly.candidates.every((c) => c.subject.length > 0)).toBe(true);
    expectStepsMatch(logOnly, r.log);
  });

  test('custom terms --term-old=fast --term-new=slow', () => {
    const repo = makeRepo();
    linearHistory(repo, 12, 5);
    repo.script('test.sh', '! grep -q BUG state.txt');
    const r = bisectRun(repo, '--term-old=fast --term-new=slow HEAD v1.0', './test.sh');
    const culprit = repo.git('rev-parse', 'refs/bisect/slow');
    const terms = { old: 'fast', new: 'slow' };
    for (const text of [r.console, `${r.console}$ git bisect log\n${r.log}`, r.log]) {
      const report = parse(text, 'git');
      expect(report.status).toBe('found');
      expect(report.culprit?.sha).toBe(culprit);
      expect(report.terms).toEqual(terms);
      expectStepsMatch(report, r.log, terms, text === r.console);
    }
  });

  test('builtin old/new terms driven by hand (echoed commands give the verdicts)', () => {
    const repo = makeRepo();
    linearHistory(repo, 10, 7);
    let text = '$ git bisect start\n' + repo.sh('git bisect start').output;
    text += '$ git bisect new HEAD\n' + repo.sh('git bisect new HEAD').output;
    text += '$ git bisect old v1.0\n' + repo.sh('git bisect old v1.0').output;
    for (let i = 0; i < 10 && !/is the first/.test(text); i++) {
      const bad = repo.sh('grep -q BUG state.txt').status === 0;
      const cmd = `git bisect ${bad ? 'new' : 'old'}`;
      text += `$ ${cmd}\n${repo.sh(cmd).output}`;
    }
    const log = repo.sh('git bisect log').output;
    const report = parse(text);
    expect(report.status).toBe('found');
    expect(report.culprit?.sha).toBe(repo.git('rev-parse', 'refs/bisect/new'));
    expect(report.terms).toEqual({ old: 'old', new: 'new' });
    // The first two marks are the window; the rest are steps, all known from the echoes.
    const marked = loggedVerdicts(log).slice(2);
    expect(report.steps.map((s) => `${s.commit} ${s.verdict}`)).toEqual(
      marked.map((m) => `${m.sha} ${verdictOf(m.term, { old: 'old', new: 'new' })}`),
    );
  });

  test('a merge commit is the culprit', () => {
    const repo = makeRepo();
    repo.commit('Initial import', { 'config.txt': 'limit=1\n', 'code.txt': 'start\n' });
    repo.git('tag', 'v1.0');
    repo.git('checkout', '-q', '-b', 'side');
    repo.commit('side: prepare rename', { 'notes.txt': 'rename soon\n' });
    repo.commit('config: rename limit to max_items', { 'config.txt': 'max_items=1\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('docs: readme', { README: 'hello\n' });
    repo.commit('code: read limit setting', { 'code.txt': 'read limit\n' });
    const env = { ...repo.env, GIT_AUTHOR_DATE: '1700100000 +0000', GIT_COMMITTER_DATE: '1700100000 +0000' };
    const merged = repo.sh(
      `GIT_AUTHOR_DATE='${env.GIT_AUTHOR_DATE}' GIT_COMMITTER_DATE='${env.GIT_COMMITTER_DATE}' git merge -q --no-ff -m "Merge branch 'side'" side`,
    );
    expect(merged.status).toBe(0);
    const merge = repo.git('rev-parse', 'HEAD');
    repo.commit('docs: more readme', { README: 'hello again\n' });
    // broken when code reads "limit" but config only has max_items: only after the merge
    repo.script(
      'test.sh',
      'if grep -q "^max_items" config.txt && grep -q "read limit" code.txt; then echo "FAIL: undefined setting"; exit 1; fi',
    );
    const r = bisectRun(repo, 'HEAD v1.0', './test.sh');
    const culprit = repo.git('rev-parse', 'refs/bisect/bad');
    expect(culprit).toBe(merge);
    const report = parse(`${r.console}$ git bisect log\n${r.log}`);
    expect(report.status).toBe('found');
    expect(report.culprit).toMatchObject({ sha: merge, merge: true, subject: "Merge branch 'side'" });
    expectStepsMatch(report, r.log);
  });

  test('a run script exiting >= 128 aborts the run: failed, verdicts so far kept', () => {
    const repo = makeRepo();
    linearHistory(repo, 16, 6);
    repo.script('crash.sh', 'grep -q BUG state.txt && { echo "Segmentation fault"; exit 139; }\nexit 0');
    const r = bisectRun(repo, 'HEAD v1.0', './crash.sh');
    expect(r.status).not.toBe(0);
    const report = parse(`${r.console}$ git bisect log\n${r.log}`);
    expect(report.status).toBe('failed');
    expect(report.culprit).toBeNull();
    expect(report.reason).toMatch(/139/);
    // Every commit git marked is a step with git's verdict; the crashing one stays untested.
    const marked = loggedVerdicts(r.log);
    expect(report.steps.length).toBe(marked.length + 1);
    marked.forEach((m, i) =>
      expect(report.steps[i]).toMatchObject({
        commit: m.sha,
        verdict: verdictOf(m.term, { old: 'good', new: 'bad' }),
      }),
    );
    expect(report.steps[report.steps.length - 1]).toMatchObject({
      commit: repo.git('rev-parse', 'HEAD'),
      verdict: 'untested',
    });
  });

  test('a flaky test bisected through the built `bisect-report run --runs N` (examples script)', async () => {
    const logPath = join(out, 'flaky.log');
    const r = await runProcess('sh', [join(ROOT, 'examples', 'make-flaky-bisection.sh'), logPath], {
      env: { ...process.env, BISECT_REPORT_CLI: DIST_CLI, NODE: process.execPath, RUNS: '6' },
    });
    expect(r.code).toBe(0);
    const text = readFileSync(logPath, 'utf8');
    const gitLog = readFileSync(`${logPath}.bisectlog`, 'utf8');
    const gitCulprit = readFileSync(`${logPath}.culprit`, 'utf8').trim();
    const report = readLog(logPath);
    expect(schemaErrors({ reports: [report] })).toBeNull();
    expect(report.format).toBe('git-bisect-run');
    if (/^# first bad commit: /m.test(gitLog)) {
      expect(report.status).toBe('found');
      expect(report.culprit?.sha).toBe(gitCulprit);
    } else {
      expect(report.status).not.toBe('found');
    }
    expectStepsMatch(report, gitLog);
    // Run tallies: counted independently from the per-run lines the command printed.
    for (const step of report.steps) {
      const lines = text
        .split('\n')
        .filter((l) => l.startsWith(`bisect-report run: commit=${step.commit} run=`));
      const count = (res: string) => lines.filter((l) => l.includes(` result=${res}`)).length;
      expect(lines.length).toBe(6);
      expect(step.runs).toEqual({
        total: 6,
        failed: count('fail'),
        passed: count('pass'),
        other: count('skip') + count('error'),
      });
      const failTitles = lines.filter((l) => l.includes(' result=fail')).length;
      expect(Object.values(step.titles).reduce((a, b) => a + b, 0)).toBe(failTitles);
      expect(step.outcomes?.length).toBe(6);
    }
    const mixed = report.steps.some((s) => s.runs.failed > 0 && s.runs.passed > 0);
    expect(report.flaky).toBe(mixed);
    expect(mixed).toBe(true); // the example is meant to show flakiness
  });
});

describe('bisect-report run (built CLI)', () => {
  function cli(repo: ScratchRepo, args: string) {
    return repo.sh(`'${process.execPath}' '${DIST_CLI}' run ${args}`);
  }
  const repo = makeRepo();
  linearHistory(repo, 2, 2);
  const head = repo.git('rev-parse', 'HEAD');
  repo.script('pass.sh', 'echo fine');
  repo.script('fail.sh', 'echo "noise"; echo "Error: boom at step $BISECT_REPORT_RUN" >&2; exit 3');
  // fails on odd runs only
  repo.script('half.sh', '[ $((BISECT_REPORT_RUN % 2)) -eq 1 ] && { echo "FAIL: odd"; exit 1; }; exit 0');
  repo.script('skip.sh', 'exit 125');

  test('all runs pass → good (exit 0), lines carry HEAD and the run index', () => {
    const r = cli(repo, '--runs 3 -- ./pass.sh');
    expect(r.status).toBe(0);
    expect(r.output).toContain(`bisect-report run: commit=${head} run=3/3 result=pass exit=0`);
    expect(r.output).toMatch(/verdict=good exit=0 runs=3 failed=0 passed=3/);
  });

  test('failures ≥ K → bad (exit 1) with the first matching line as the title', () => {
    const r = cli(repo, '--runs 2 --min-failures 2 -- ./fail.sh');
    expect(r.status).toBe(1);
    expect(r.output).toContain('result=fail exit=3 title="Error: boom at step 1"');
    const custom = cli(repo, '--runs 1 --title-regex ^noise -- ./fail.sh');
    expect(custom.output).toContain('title="noise"');
    expect(custom.status).toBe(1); // K is capped at N
  });

  test('0 < failures < K → skip (exit 125); all skipped → skip; missing command → abort 128', () => {
    expect(cli(repo, '--runs 4 --min-failures 3 -- ./half.sh').status).toBe(125);
    expect(cli(repo, '--runs 4 --min-failures 2 -- ./half.sh').status).toBe(1);
    expect(cli(repo, '--runs 2 -- ./skip.sh').status).toBe(125);
    const missing = cli(repo, '--runs 5 -- ./does-not-exist.sh');
    expect(missing.status).toBe(128);
    expect(missing.output).toMatch(/run=1\/5 result=error/);
    expect(missing.output).not.toMatch(/run=2\/5/);
    expect(cli(repo, '--runs 0 -- ./pass.sh').status).toBe(128);
    expect(cli(repo, '--runs 2').status).toBe(128);
  });

  test('--quiet keeps the command output out of the log', () => {
    const r = cli(repo, '--quiet --runs 1 -- ./fail.sh');
    expect(r.output).not.toContain('noise');
    expect(r.output).toContain('title="Error: boom at step 1"');
  });
});
