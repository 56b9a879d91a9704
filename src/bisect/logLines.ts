/**
 * Lines `bisect-report bisect` / `verify` add to the git-bisect grammar of their log (docs/bisect.md).
 * Every run is a `bisect-report run:` line (src/formats/git-common/engine.ts reads them); these say where
 * each tested commit sits in the window and how the search ended, so a reader without the
 * repository gets exact positions.
 *
 *   bisect-report bisect: window good=<sha> bad=<sha> commits=<N>[ command=<JSON string>]
 *   bisect-report bisect: commit=<sha> position=<p>/<N>
 *   bisect-report bisect: result=<culprit|not-reproduced|older|range|stopped> runs=<R> p=<x>[ commit=<sha> parent=<sha>] reason=<JSON string>
 *
 * New key=value fields may be added before `reason`; existing ones keep their meaning.
 */
export const BISECT_LINE_PREFIX = 'bisect-report bisect: ';

const OID = '[0-9a-f]{40}(?:[0-9a-f]{24})?';
export const WINDOW_LINE = new RegExp(
  `^bisect-report bisect: window good=(${OID}) bad=(${OID}) commits=(\\d+)(?: command=("(?:[^"\\\\]|\\\\.)*"))?`,
);
export const POSITION_LINE = new RegExp(`^bisect-report bisect: commit=(${OID}) position=(\\d+)/(\\d+)`);
export const RESULT_LINE =
  /^bisect-report bisect: result=(culprit|not-reproduced|older|range|stopped) runs=(\d+) p=([0-9.]+)(?: (?!reason=)\S+)*(?: reason=("(?:[^"\\]|\\.)*"))?$/;

export type ResultKind = 'culprit' | 'not-reproduced' | 'older' | 'range' | 'stopped';

/** `command`: the test command as the user gave it (names the failure when the test prints no line). */
export function formatWindowLine(
  good: string,
  bad: string,
  commits: number,
  command?: readonly string[],
): string {
  const c = command && command.length > 0 ? ` command=${JSON.stringify(command.join(' '))}` : '';
  return `${BISECT_LINE_PREFIX}window good=${good} bad=${bad} commits=${commits}${c}`;
}

export function formatPositionLine(commit: string, position: number, commits: number): string {
  return `${BISECT_LINE_PREFIX}commit=${commit} position=${position}/${commits}`;
}

export function formatResultLine(
  kind: ResultKind,
  runs: number,
  p: number,
  reason: string,
  culprit?: { commit: string; parent: string },
): string {
  const c = culprit ? ` commit=${culprit.commit} parent=${culprit.parent}` : '';
  return `${BISECT_LINE_PREFIX}result=${kind} runs=${runs} p=${p.toFixed(4)}${c} reason=${JSON.stringify(reason)}`;
}
