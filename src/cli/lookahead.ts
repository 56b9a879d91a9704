/**
 * The engine's work for the next ended run, done while the runs go (docs/bisect.md, "--jobs"). A
 * run's outcome is one of two; while it runs, the state after each outcome, the decision on it and
 * the choice of the next probes are computed ahead, so when the run ends its slot is refilled at
 * once instead of after the engine has solved the posterior again (tens to hundreds of
 * milliseconds each in the verification phase, on a loaded machine). Everything here is a memo of
 * pure engine functions: an answer read from it is the one a direct call gives.
 */
import {
  chooseNext,
  decision as decide,
  observe,
  type Bisection,
  type Decision,
  type Outcome,
  type Probe,
} from '../bisect/engine.js';

/** What is known of a run still going: where it runs. */
export interface RunningProbe {
  position: number;
}

/** The question the driver will ask once a run ends: the probes for `free` slots, `pending` still running. */
export interface NextChoice {
  free: number;
  pending: readonly number[];
}

export class Lookahead {
  private readonly observed = new WeakMap<Bisection, Map<string, Bisection>>();
  private readonly decisions = new WeakMap<Bisection, Decision>();
  private readonly choices = new WeakMap<Bisection, Map<string, Probe[]>>();
  /** Engine calls made (decisions, choices): what the memo saved can be counted. */
  readonly calls = { decisions: 0, choices: 0 };
  /** Bumped whenever the work ahead is no longer wanted (a run ended, the search stopped). */
  private generation = 0;

  constructor(private readonly confidence: number) {}

  observe(state: Bisection, position: number, outcome: Outcome): Bisection {
    let byOutcome = this.observed.get(state);
    if (!byOutcome) this.observed.set(state, (byOutcome = new Map()));
    const key = `${position}:${outcome}`;
    let next = byOutcome.get(key);
    if (!next) byOutcome.set(key, (next = observe(state, position, outcome)));
    return next;
  }

  decision(state: Bisection): Decision {
    let d = this.decisions.get(state);
    if (!d) {
      this.calls.decisions++;
      this.decisions.set(state, (d = decide(state, { confidence: this.confidence })));
    }
    return d;
  }

  choose(state: Bisection, free: number, pending: readonly number[]): Probe[] {
    let byQuestion = this.choices.get(state);
    if (!byQuestion) this.choices.set(state, (byQuestion = new Map()));
    const key = `${free}|${pending.join(',')}`;
    let probes = byQuestion.get(key);
    if (!probes) {
      this.calls.choices++;
      probes = chooseNext(
        state,
        free,
        pending.map((position) => ({ commit: position, runs: 1 })),
        { confidence: this.confidence },
      );
      byQuestion.set(key, probes);
    }
    return probes;
  }

  /** Ends the work ahead started before (its finished parts stay in the memo). */
  cancel(): void {
    this.generation++;
  }

  /**
   * Works ahead for the runs that end next (the oldest first): for each, the state after a failure
   * and after a pass (the likely outcome of each run first), its decision and, while the search
   * goes on, the choice the driver will ask for. One engine call per turn of the event loop, so a run that ends
   * meanwhile is seen after at most one call; stops at cancel().
   */
  async ahead(state: Bisection, runs: readonly { position: number; next: NextChoice }[]): Promise<void> {
    const generation = ++this.generation;
    // The likely outcome of every run first: a failure at or after the leader, else a pass.
    const leader = this.decision(state).summary.leader.position;
    const likely = runs.map((run) => (run.position >= leader ? 'fail' : 'pass') as Outcome);
    const order = [
      ...runs.map((run, i) => ({ run, outcome: likely[i] })),
      ...runs.map((run, i) => ({ run, outcome: (likely[i] === 'fail' ? 'pass' : 'fail') as Outcome })),
    ];
    const steps: (() => void)[] = [];
    for (const { run, outcome } of order) {
      steps.push(() => void this.decision(this.observe(state, run.position, outcome)));
      steps.push(() => {
        const after = this.observe(state, run.position, outcome);
        if (this.decision(after).kind !== 'continue' || run.next.free < 1) return;
        this.choose(after, run.next.free, run.next.pending);
      });
    }
    for (const step of steps) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (generation !== this.generation) return;
      try {
        step();
      } catch {
        // Left for the driver's own call, which reports it.
      }
    }
  }
}
