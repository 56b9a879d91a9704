import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers/paths.js';

/**
 * The matrix bisection workflow (docs/matrix.md) is checked as data: GitHub would only tell at run
 * time that a job graph is wrong, a matrix is not fed by its plan or a job can write.
 */
type Step = {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  id?: string;
  env?: Record<string, string>;
};
type Job = {
  needs?: string[];
  if?: string;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean };
  steps: Step[];
};
type ActionFile = {
  inputs?: Record<string, { required?: boolean; default?: string }>;
  runs: { using: string; steps?: Step[] };
};

const WORKFLOW_PATH = join(ROOT, '.github', 'workflows', 'bisect-matrix.yml');
const text = readFileSync(WORKFLOW_PATH, 'utf8');
const workflow = parse(text) as {
  on: { workflow_call: { inputs: Record<string, unknown> } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const jobs = workflow.jobs;
const rounds = Object.keys(jobs).filter((j) => /^plan-\d+$/.test(j)).length;
const action = (dir: string) => parse(readFileSync(join(ROOT, dir, 'action.yml'), 'utf8')) as ActionFile;
const SELF = /^your-org\/bisect-report(?:\/([\w-]+))?@(\S+)$/;

test('the committed workflow is the generator output', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bisect-matrix-workflow.mjs'), '--print'], {
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(text);
});

test('a reusable workflow with the inputs the docs name', () => {
  const inputs = Object.keys(workflow.on.workflow_call.inputs);
  for (const name of ['good', 'bad', 'test', 'jobs', 'max-rounds', 'runs']) expect(inputs).toContain(name);
  expect(rounds).toBeGreaterThanOrEqual(6);
});

test('job graph: plan-1 → probe-1 → plan-2 → … → report', () => {
  expect(jobs['plan-1'].needs).toBeUndefined();
  for (let n = 1; n <= rounds; n++) {
    expect(jobs[`probe-${n}`].needs).toEqual([`plan-${n}`]);
    if (n > 1) {
      expect(jobs[`plan-${n}`].needs).toEqual([`plan-${n - 1}`, `probe-${n - 1}`]);
      // A failed probe job must not end the chain; a finished plan must.
      expect(jobs[`plan-${n}`].if).toContain('always()');
      expect(jobs[`plan-${n}`].if).toContain(`needs.plan-${n - 1}.outputs.done == 'false'`);
      expect(jobs[`plan-${n}`].if).toContain(`inputs.max-rounds >= ${n}`);
    }
  }
  const all = Object.keys(jobs).filter((j) => j !== 'report');
  expect([...(jobs.report.needs ?? [])].sort()).toEqual(all.sort());
  expect(jobs.report.if).toContain('always()');
});

test("every probe matrix is the previous plan job's output, through fromJSON", () => {
  for (let n = 1; n <= rounds; n++) {
    const probe = jobs[`probe-${n}`];
    expect(probe.strategy?.matrix).toBe(`\${{ fromJSON(needs.plan-${n}.outputs.matrix) }}`);
    expect(probe.strategy?.['fail-fast']).toBe(false);
    expect(probe.if).toBe(`\${{ needs.plan-${n}.outputs.done == 'false' }}`);
    const plan = jobs[`plan-${n}`];
    const planStep = plan.steps.find((s) => s.id === 'plan');
    expect(planStep?.uses).toMatch(/\/plan@/);
    expect(plan.outputs?.matrix).toBe('${{ steps.plan.outputs.matrix }}');
    expect(plan.outputs?.done).toBe('${{ steps.plan.outputs.done }}');
    // The probe checks out the commit the plan chose and names its evidence by round and slot.
    expect(probe.steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with?.ref).toBe(
      '${{ matrix.commit }}',
    );
    const probeStep = probe.steps.find((s) => s.uses?.includes('/probe@'));
    expect(probeStep?.with).toMatchObject({
      runs: '${{ matrix.runs }}',
      round: n,
      slot: '${{ matrix.slot }}',
    });
    if (n > 1) {
      const download = plan.steps.find((s) => s.uses?.startsWith('actions/download-artifact'));
      expect(download?.with).toMatchObject({ pattern: 'bisect-evidence-*', 'merge-multiple': true });
    }
  }
});

test('permissions: contents: read everywhere; only the report job writes', () => {
  expect(workflow.permissions).toEqual({ contents: 'read' });
  for (const [name, job] of Object.entries(jobs)) {
    if (name === 'report') {
      expect(job.permissions).toEqual({ contents: 'read', issues: 'write', 'pull-requests': 'write' });
    } else {
      expect({ name, permissions: job.permissions }).toEqual({ name, permissions: { contents: 'read' } });
    }
    for (const s of job.steps) {
      if (s.uses?.startsWith('actions/checkout')) expect(s.with?.['persist-credentials']).toBe(false);
    }
  }
});

test("sub-actions are this repository's folders, pinned to one ref, called with inputs they declare", () => {
  const refs = new Set<string>();
  const calls: { dir: string; with: Record<string, unknown> }[] = [];
  for (const job of Object.values(jobs)) {
    for (const s of job.steps) {
      const m = s.uses ? SELF.exec(s.uses) : null;
      if (!m) continue;
      refs.add(m[2]);
      calls.push({ dir: m[1] ?? '.', with: s.with ?? {} });
    }
  }
  expect(refs.size).toBe(1);
  expect(new Set(calls.map((c) => c.dir))).toEqual(new Set(['plan', 'probe', '.']));
  for (const call of calls) {
    const declared = action(call.dir).inputs ?? {};
    for (const key of Object.keys(call.with))
      expect({ dir: call.dir, key, known: key in declared }).toMatchObject({ known: true });
    for (const [key, spec] of Object.entries(declared)) {
      if (spec.required)
        expect({ dir: call.dir, key, given: key in call.with }).toMatchObject({ given: true });
    }
  }
  expect(action('plan').runs.using).toBe('composite');
  expect(action('probe').runs.using).toBe('composite');
});

test('no expression is pasted into a shell script (inputs reach scripts as environment variables)', () => {
  const scripts: string[] = [];
  for (const job of Object.values(jobs)) for (const s of job.steps) if (s.run) scripts.push(s.run);
  for (const dir of ['plan', 'probe'])
    for (const s of action(dir).runs.steps ?? []) if (s.run) scripts.push(s.run);
  expect(scripts.length).toBeGreaterThan(3);
  for (const script of scripts) expect(script).not.toContain('${{');
});

test('the probe uploads under the name the plans download, one artifact per round and slot', () => {
  const upload = (action('probe').runs.steps ?? []).find((s) =>
    s.uses?.startsWith('actions/upload-artifact'),
  );
  expect(upload?.with?.name).toBe('${{ inputs.artifact-prefix }}-r${{ inputs.round }}-s${{ inputs.slot }}');
  expect(action('probe').inputs?.['artifact-prefix']?.default).toBe('bisect-evidence');
});

test("plan/outputs.mjs turns the plan's JSON into step outputs, dropping anything that is not a sha", () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-plan-out-'));
  const file = join(dir, 'plan.json');
  const sha = 'a'.repeat(40);
  const run = (plan: unknown) => {
    writeFileSync(file, JSON.stringify(plan));
    const r = spawnSync(process.execPath, [join(ROOT, 'plan', 'outputs.mjs'), file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    return Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  };
  const next = run({ done: false, matrix: { include: [{ commit: sha, runs: 3, slot: 1 }] } });
  expect(next.done).toBe('false');
  expect(JSON.parse(next.matrix)).toEqual({ include: [{ commit: sha, runs: 3, slot: 1 }] });
  const done = run({ done: true, status: 'culprit', culprit: sha });
  expect(done).toMatchObject({ done: 'true', status: 'culprit', culprit: sha });
  const hostile = run({ done: false, matrix: { include: [] }, culprit: 'x\n::stop-commands::y' });
  expect(hostile).toMatchObject({ done: 'true', culprit: '' });
});
