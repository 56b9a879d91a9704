/**
 * The engine's work for the next ended run, done while the runs go (docs/bisect.md, "--jobs"). While
 * a run whose outcome can be foreseen goes, the state after that outcome, the decision on it and the
 * choice of the next probes are computed ahead, so when the run ends as foreseen its slot is
 * refilled at once instead of after the engine has solved the posterior again (tens to hundreds of
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

/** The question the driver will ask once a run ends: the probes for `free` slots, `pending` still running. */
export interface NextChoice {
  free: number;
  pending: readonly number[];
}

/** A leader at least this likely makes the outcome of a run at it (a failure) or its parent (a pass) foreseeable. */
const LIKELY_LEADER = 0.5;
/** Runs worked ahead for at once (the oldest ones going, which likely end first). */
const AHEAD_RUNS = 2;

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
   * Works ahead for the runs that end next (the oldest first) whose outcome can be foreseen: once
   * one commit is more likely than not the culprit, a run there will likely fail and a run at its
   * parent pass — the verification, where each choice costs the engine the most. For each such
   * run: the state after that outcome, its decision and, while the search goes on, the choice the
   * driver will ask for. Elsewhere a run is as likely to pass as to fail (that is why it was
   * chosen), and working out both would double the engine's work on a machine the tests share.
   * One engine call per turn of the event loop, so a run that ends meanwhile is seen after at most
   * one call; stops at cancel().
   */
  async ahead(state: Bisection, runs: readonly { position: number; next: NextChoice }[]): Promise<void> {
    const generation = ++this.generation;
    const { leader } = this.decision(state).summary;
    if (leader.p < LIKELY_LEADER) return;
    const foreseen = runs
      .map((run) => ({
        run,
        outcome:
          run.position === leader.position ? 'fail' : run.position === leader.position - 1 ? 'pass' : null,
      }))
      .filter((r): r is { run: (typeof runs)[number]; outcome: Outcome } => r.outcome !== null)
      .slice(0, AHEAD_RUNS);
    const steps: (() => void)[] = [];
    for (const { run, outcome } of foreseen) {
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
