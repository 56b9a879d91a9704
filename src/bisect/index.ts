/**
 * The bisection engine (docs/bisect.md): pure functions, no processes, no git.
 *
 *   let state = createBisection({ commits });          // good end first, bad end last
 *   const probes = chooseNext(state, k, running);       // up to k runs: [{ commit, position, runs }]
 *   state = observe(state, commit, 'fail' | 'pass' | 'skip');
 *   const d = decision(state, { confidence });          // culprit | not-reproduced | older | range | continue
 */
export {
  BISECT_PARAMS,
  chooseNext,
  createBisection,
  decision,
  observe,
  positionOf,
  summary,
  totalRuns,
  verification,
  type Bisection,
  type BisectionOptions,
  type BisectionPrior,
  type ChooseOptions,
  type Decision,
  type DecisionOptions,
  type Outcome,
  type Probe,
  type Summary,
  type Tally,
} from './engine.js';
export * from './logLines.js';
