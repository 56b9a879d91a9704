// Times a complete action run (dist/index.js on the example syzkaller log, summary written, issue
// upserted against the loopback fake GitHub of the test suite) against `node -e 0`, and counts
// API requests per scenario. The fake is TypeScript: it is compiled here with tsc first.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

async function loadFake(root) {
  const out = join(root, '.tmp', 'bench-fake');
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    join(root, 'node_modules', '.bin', 'tsc'),
    [
      '--outDir',
      out,
      '--rootDir',
      root,
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--target',
      'ES2022',
      '--skipLibCheck',
      '--types',
      'node,jest',
      join(root, 'test', 'fake-github', 'server.ts'),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  // The fake finds GitHub's OpenAPI description from the repository root.
  writeFileSync(join(out, 'test', 'helpers', 'paths.js'), `export const ROOT = ${JSON.stringify(root)};\n`);
  return (await import(pathToFileURL(join(out, 'test', 'fake-github', 'server.js')).href)).FakeGitHub;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function culpritOf(logText) {
  const m = /^([0-9a-f]{40}) is the first bad commit$/m.exec(logText);
  const a = /^Author: (.*?) <([^>]+)>$/m.exec(logText);
  const s = /^first bad commit: [0-9a-f]{40} (.*)$/m.exec(logText);
  return {
    sha: m?.[1],
    name: a?.[1] ?? 'Author',
    email: a?.[2] ?? 'author@example.com',
    subject: s?.[1] ?? 'change',
  };
}

function runAction(node, dist, gh, logPath, dir, id, extraInputs = {}) {
  const summary = join(dir, `summary-${id}.md`);
  const output = join(dir, `output-${id}.txt`);
  const event = join(dir, 'event.json');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  writeFileSync(event, '{"ref":"refs/heads/main"}');
  const inputs = { logs: logPath, token: 'ghs_faketoken', 'issue-labels': 'bisection', ...extraInputs };
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', CI: 'true' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  Object.assign(env, {
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: gh.url,
    GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: event,
    GITHUB_RUN_ID: String(5000 + id),
    RUNNER_TEMP: dir,
  });
  // Asynchronous spawn: the fake server lives in this process and must keep answering.
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(node, [join(dist, 'index.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      if (code !== 0) reject(new Error(`action exited ${code}: ${err}`));
      else resolve({ seconds, summaryBytes: statSync(summary).size });
    });
  });
}

export async function benchAction({ root, dist, repeats }) {
  const node = process.execPath;
  const out = { bundle_kb: +(statSync(join(dist, 'index.js')).size / 1024).toFixed(1) };
  const FakeGitHub = await loadFake(root);
  const dir = mkdtempSync(join(tmpdir(), 'bisect-report-bench-'));
  const example = join(root, 'examples', 'syzkaller-cause.txt');
  const text = readFileSync(example, 'utf8');
  const c = culpritOf(text);
  let id = 0;

  // One untimed run first: the fake compiles its OpenAPI validators on first use (tens of ms per
  // route), which would otherwise be charged to the action in the first timed runs.
  {
    const gh = new FakeGitHub();
    await gh.start();
    gh.addCommit({ sha: c.sha, message: c.subject, authorName: c.name, authorEmail: c.email, login: 'mira' });
    gh.addPull({ title: 'Ring buffer work', user: 'mira', state: 'closed', merged: true, commits: [c.sha] });
    await runAction(node, dist, gh, example, dir, ++id);
    await runAction(node, dist, gh, example, dir, ++id);
    await gh.close();
  }

  const nodeTimes = [];
  const actionTimes = [];
  const firstRun = [];
  const reruns = [];
  const loadTimes = [];
  for (let i = 0; i < repeats; i++) {
    const t = process.hrtime.bigint();
    spawnSync(node, ['-e', '0']);
    nodeTimes.push(Number(process.hrtime.bigint() - t) / 1e9);
    // Load only: the bundle with an input error that stops before any work.
    const l = process.hrtime.bigint();
    // In the scratch folder: even a stopped run writes its (empty) report JSON where it stands.
    spawnSync(node, [join(dist, 'index.js')], { cwd: dir, env: { PATH: process.env.PATH }, stdio: 'ignore' });
    loadTimes.push(Number(process.hrtime.bigint() - l) / 1e9);
    // A fresh GitHub each time: the run files a new issue and comments on the PR.
    const gh = new FakeGitHub();
    await gh.start();
    gh.addCommit({ sha: c.sha, message: c.subject, authorName: c.name, authorEmail: c.email, login: 'mira' });
    gh.addPull({ title: 'Ring buffer work', user: 'mira', state: 'closed', merged: true, commits: [c.sha] });
    const before = gh.requests.length;
    const r = await runAction(node, dist, gh, example, dir, ++id);
    actionTimes.push(r.seconds);
    firstRun.push(gh.requests.length - before);
    const mid = gh.requests.length;
    await runAction(node, dist, gh, example, dir, ++id);
    reruns.push({
      total: gh.requests.length - mid,
      writes: gh.requests.slice(mid).filter((q) => q.method !== 'GET').length,
    });
    if (gh.violations.length)
      throw new Error(`fake GitHub saw invalid requests: ${gh.violations.join('; ')}`);
    await gh.close();
  }
  const nodeMedian = median(nodeTimes);
  out.node_e0_seconds = nodeMedian;
  out.action_seconds = median(actionTimes);
  out.action_vs_node_ratio = median(actionTimes) / nodeMedian;
  out.action_load_seconds = median(loadTimes);
  out.action_load_vs_node_ratio = median(loadTimes) / nodeMedian;
  out.action_work_seconds = Math.max(0, median(actionTimes) - median(loadTimes));

  // 100 logs with 20 distinct failures, one action run.
  const gh = new FakeGitHub();
  await gh.start();
  gh.addCommit({ sha: c.sha, message: c.subject, authorName: c.name, authorEmail: c.email, login: 'mira' });
  const many = join(dir, 'many');
  mkdirSync(many);
  const titleLine = /^all runs: crashed: (.*)$/m.exec(text)?.[1] ?? 'general protection fault in widget';
  for (let i = 0; i < 100; i++) {
    const failure = `${titleLine.replace(/ in .*/, '')} in distinct_function_${i % 20}`;
    writeFileSync(join(many, `log-${String(i).padStart(3, '0')}.txt`), text.split(titleLine).join(failure));
  }
  const before = gh.requests.length;
  await runAction(node, dist, gh, join(many, '*.txt'), dir, ++id);
  const fan = gh.requests.length - before;
  const issues = gh.realIssues ? gh.realIssues().length : null;
  await gh.close();
  rmSync(dir, { recursive: true, force: true });

  out.requests = {
    fresh_failure_with_pr: median(firstRun),
    identical_rerun: median(reruns.map((r) => r.total)),
    identical_rerun_writes: Math.max(...reruns.map((r) => r.writes)),
    logs100_failures20: fan,
    logs100_failures20_per_failure: +((fan - 2) / 20).toFixed(2),
    logs100_issues_filed: issues,
  };
  return out;
}
