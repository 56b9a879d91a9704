import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_INVOCATION } from '../src/cliCommand.js';
import { DIST_DIR, ROOT } from './helpers/paths.js';
import { makeRepo } from './helpers/gitRepo.js';
import { runCli, runProcess } from './helpers/run.js';

/**
 * The commands a report suggests run as written, once the CLI is where the README ("Command line")
 * puts it: a clone of bisect-report at ~/bisect-report. A real `git bisect run` in a scratch
 * repository, its log read by the built CLI (plain text, job summary, JSON reasons), and every
 * suggested command of ours run by a shell in that repository, ./test.sh being the project's test.
 */

const CULPRIT = 5;
const work = mkdtempSync(join(tmpdir(), 'br-suggested-work-'));

function scratch() {
  const repo = makeRepo('br-suggested-');
  // Every commit has the test, so ./test.sh works at any commit, as a project's own test does.
  repo.script('test.sh', 'grep -q BUG state.txt && { echo "FAIL: parser crashed"; exit 1; }\nexit 0');
  const shas = [repo.commit('Initial import', { 'state.txt': 'ok\n', 'app.txt': 'v0\n' })];
  for (let i = 1; i <= 8; i++)
    shas.push(
      repo.commit(i === CULPRIT ? 'parser: switch to the fast path' : `feature: option ${i}`, {
        'app.txt': `v${i}\n`,
        ...(i === CULPRIT ? { 'state.txt': 'BUG\n' } : {}),
      }),
    );
  // A plain bisection: one run per commit, so the report suggests checking the answer.
  repo.git('bisect', 'start', 'HEAD', shas[0]);
  const run = repo.sh('git bisect run ./test.sh');
  repo.git('bisect', 'reset');
  const log = join(work, 'bisect.log');
  writeFileSync(log, run.output);
  return { repo, shas, log };
}

/** A HOME whose ~/bisect-report is a clone of this repository (its built bundle under test). */
function homeWithClone(): string {
  const home = mkdtempSync(join(work, 'home-'));
  mkdirSync(join(home, 'bisect-report'));
  symlinkSync(DIST_DIR, join(home, 'bisect-report', 'dist'));
  symlinkSync(join(ROOT, 'package.json'), join(home, 'bisect-report', 'package.json'));
  return home;
}

const OURS = new RegExp(`${CLI_INVOCATION.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} [^\`\\n]*`, 'g');

test('every command a report suggests runs as written, with the CLI where the README puts it', async () => {
  const { repo, shas, log } = scratch();
  const text = await runCli([log], { cwd: repo.dir });
  const markdown = await runCli(['--markdown', log], { cwd: repo.dir });
  const json = await runCli(['--json', log], { cwd: repo.dir });
  expect([text.code, markdown.code, json.code]).toEqual([0, 0, 0]);
  const reasons = JSON.stringify(JSON.parse(json.stdout).reports[0].trust.reasons);
  const suggested = new Set(
    [text.stdout, markdown.stdout, reasons].flatMap((out) => [...out.matchAll(OURS)].map((m) => m[0].trim())),
  );
  // The plain-text next step, the summary's and the reasons' "confirm with" all spell ours alike.
  expect(text.stdout).toMatch(new RegExp(`^ +${OURS.source}$`, 'm'));
  expect(markdown.stdout).toMatch(new RegExp(`^${OURS.source}$`, 'm'));
  expect(suggested.size).toBeGreaterThanOrEqual(2);
  // Nothing says `bisect-report COMMAND` as if it were on PATH.
  expect(text.stdout + markdown.stdout + reasons).not.toMatch(
    /(?<![/\w-])bisect-report (?:verify|bisect|run)\b/,
  );

  const home = homeWithClone();
  const env = { ...repo.env, HOME: home };
  for (const command of suggested) {
    // Only our own words, flags, hex commit ids and ./test.sh: nothing from the log reaches sh.
    expect(command).toMatch(
      /^node ~\/bisect-report\/dist\/cli\/index\.js (?:verify|bisect|run) [\w\s^./-]+$/,
    );
    if (/ run /.test(command)) {
      // `run` is the script of `git bisect run`, as suggested.
      const r = await runProcess(
        'sh',
        [
          '-c',
          `git bisect start HEAD ${shas[0]} >/dev/null && git bisect run ${command}; git bisect reset >/dev/null 2>&1`,
        ],
        { cwd: repo.dir, env },
      );
      expect({ command, found: r.stdout.includes(`${shas[CULPRIT]} is the first bad commit`) }).toEqual({
        command,
        found: true,
      });
      continue;
    }
    const r = await runProcess('sh', ['-c', command], { cwd: repo.dir, env });
    expect({ command, code: r.code, last: r.stderr.trim().split('\n').pop() }).toEqual({
      command,
      code: 0,
      last: expect.stringMatching(/is the first bad commit/),
    });
    expect(r.stdout).toContain(`# first bad commit: [${shas[CULPRIT]}]`);
  }
  expect([...suggested].some((c) => / run /.test(c))).toBe(true);
}, 120000);
