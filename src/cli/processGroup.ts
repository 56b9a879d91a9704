/**
 * Ending a test run that takes too long (`--timeout`): each run is a process group of its own, so a
 * run is ended whole — SIGTERM to the group, SIGKILL to what is left of it after a grace — and
 * counted only once nothing of it is left (docs/bisect.md, "A test that hangs").
 */

/** How long a process group ended by us has between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2000;
/** `exit=` of a run that --timeout ended (docs/bisect.md). */
export const TIMEOUT_EXIT = 'timeout';
/** Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a longer one would fire at once. */
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** Seconds of a `--timeout` value, or null with the one-line reason it is not one. */
export function timeoutSeconds(text: string): { seconds: number } | { error: string } {
  const seconds = Number(text);
  if (text.trim() === '' || !(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS)
    return {
      error: `--timeout must be a positive number of seconds (at most ${MAX_TIMEOUT_SECONDS}), not '${text.slice(0, 40)}'`,
    };
  return { seconds };
}

/** Group ids being ended (SIGTERM sent), with the time their SIGKILL is due. */
const ending = new Map<number, number>();

/** SIGTERM to the whole group now, SIGKILL to what is left of it after the grace. */
export function endGroup(pid: number): void {
  ending.set(pid, Date.now() + KILL_GRACE_MS);
  killGroup(pid, 'SIGTERM');
  setTimeout(() => {
    killGroup(pid, 'SIGKILL');
    ending.delete(pid);
  }, KILL_GRACE_MS).unref();
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Resolves once no process of the group ended by endGroup() is left: a child that ignores SIGTERM
 * and does not hold our pipes would otherwise outlive the run (and this command). Bounded: a
 * process that even SIGKILL does not end at once (a zombie nobody reaps) is not waited for long.
 */
export async function groupGone(pid: number): Promise<void> {
  const killAt = ending.get(pid) ?? Date.now();
  const giveUpAt = killAt + 1000;
  for (let killed = false; groupAlive(pid) && Date.now() < giveUpAt;) {
    if (!killed && Date.now() >= killAt) {
      killGroup(pid, 'SIGKILL');
      killed = true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  ending.delete(pid);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}
