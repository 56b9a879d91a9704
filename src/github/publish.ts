/**
 * The executor: reads what the plan needs from GitHub, asks plan.ts what to do, and does it.
 * Decisions live in plan.ts (pure, unit-tested on plain objects); this module only sequences I/O.
 *
 * Round trips for a fresh failure with a pull request (no wait in the uncontended case):
 *   1. GET commit ∥ GET its pull requests ∥ GET tracked issues   (started before the summary is written)
 *   2. POST claim label ∥ GET the PR's comments
 *   3. POST issue ∥ POST PR comment
 * An identical re-run: rounds 1 and 2 (reads only), no write.
 * Loaded lazily by main (dynamic import) so runs without GitHub never load Octokit.
 */
import type { Report } from '../model.js';
import type { RenderContext } from '../render/context.js';
import { AuthorResolver, type AuthorInfo } from './authors.js';
import {
  createClient,
  MalformedAnswerError,
  waitScaleFromEnv,
  type CommentItem,
  type GitHubApi,
  type IssueItem,
} from './client.js';
import { describeError, httpStatus, PublishError } from './errors.js';
import { code } from '../render/escape.js';
import { readOnlyReason, WORKFLOW_RUN_HINT } from './event.js';
import { isOwnItem, parseCommentMarker, parseIssueMarker } from './marker.js';
import {
  mayFileIssue,
  plan,
  settled,
  type Action,
  type GitHubState,
  type GroupPlan,
  type Plan,
} from './plan.js';
import type { PublishOptions, Publisher, PublishResult } from './types.js';

type Mode = 'write' | 'dry-run' | 'read-only';

const ISSUES_WRITE = 'issues: write';
const PULLS_WRITE = 'pull-requests: write';
/** How long a run that lost a claim waits for the winner's issue before taking the filing over. */
const CLAIM_WAIT_MS = [200, 400, 800, 1600, 3200, 6400, 12800, 25600];
/**
 * A claim label says when it was made. A later run that finds the claim taken and no issue carrying
 * it can tell a claim older than the whole wait (its issue deleted by a person, or its run stopped)
 * from a filing under way, and files at once instead of waiting for nobody.
 */
const claimDescription = (at: Date): string =>
  `bisect-report: claimed ${at.toISOString().slice(0, 19)}Z; the run that made this label files the issue`;
const CLAIMED_AT = /claimed (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/;

async function inPool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A create that failed this way may still have been applied by GitHub: look before trying again. */
function mayHaveApplied(err: unknown): boolean {
  if (err instanceof MalformedAnswerError) return true;
  const status = httpStatus(err);
  return status === null || status >= 500;
}

function doing(a: Action): [string, string] {
  switch (a.kind) {
    case 'create-issue':
      return ['create an issue', ISSUES_WRITE];
    case 'update-issue':
      return [`update issue #${a.number}`, ISSUES_WRITE];
    case 'reopen-issue':
      return [`reopen issue #${a.number}`, ISSUES_WRITE];
    case 'close-issue':
      return [`close issue #${a.number}`, ISSUES_WRITE];
    case 'comment':
      return [`comment on issue #${a.number}`, ISSUES_WRITE];
    case 'create-pr-comment':
      return [`comment on pull request #${a.pr}`, PULLS_WRITE];
    case 'update-pr-comment':
      return [`update the comment on pull request #${a.pr}`, PULLS_WRITE];
  }
}

function preview(a: Action): string {
  switch (a.kind) {
    case 'create-issue':
      return `title: ${a.title}\nlabels: ${a.labels.join(', ')}\n${a.body}`;
    case 'update-issue':
    case 'reopen-issue':
      return `#${a.number}${a.title ? `\ntitle: ${a.title}` : ''}\n${a.body}`;
    case 'close-issue':
      return `#${a.number}: state closed (${a.stateReason})`;
    default:
      return a.body;
  }
}

export function createPublisher(opts: PublishOptions): Publisher {
  const env = opts.env ?? process.env;
  const client: GitHubApi | null = opts.token
    ? createClient({
        token: opts.token,
        owner: opts.owner,
        repo: opts.repo,
        apiUrl: opts.apiUrl,
        dryRun: opts.dryRun,
        warning: opts.warning,
        waitScale: waitScaleFromEnv(env),
        timeoutMs:
          Number(env.BISECT_REPORT_TIMEOUT_MS) > 0 ? Number(env.BISECT_REPORT_TIMEOUT_MS) : undefined,
      })
    : null;
  const readOnly = opts.dryRun ? null : readOnlyReason(env);
  // Tests of an interrupted winner shorten the claim waits (BISECT_REPORT_WAIT_SCALE leaves them alone:
  // racing runs must keep waiting for a winner slowed by a loaded machine).
  const claimWaitScale = waitScaleFromEnv({ BISECT_REPORT_WAIT_SCALE: env.BISECT_REPORT_CLAIM_WAIT_SCALE });
  const mode: Mode = opts.dryRun ? 'dry-run' : readOnly ? 'read-only' : 'write';
  const resolver = new AuthorResolver(
    client,
    { owner: opts.owner, repo: opts.repo },
    opts.authorMap,
    opts.commentOnPr,
  );
  const authors: Record<string, AuthorInfo> = {};
  const labels = opts.labels.length > 0 ? opts.labels : ['bisection'];
  /** The login we write as: a personal token's GET /user, or the author of what this run created. */
  let identity: string | null = null;
  // Started with the author look-ups so they share the first round trip.
  let issuesEarly: Promise<IssueItem[]> | null = null;
  let viewerEarly: Promise<string | null> | null = null;
  let offlineWarned = false;
  /** Look-ups that failed once are not tried again in apply (a hung GitHub must not cost twice). */
  const failedLookups = new Set<string>();
  /** mention-only-reachable-from: culprit sha (lower case) → why its author is not pinged. */
  const blocked: Record<string, string> = {};
  const reachRef = opts.mentionReachableFrom ?? null;
  const reachChecked = new Set<string>();

  /**
   * Fails closed: a commit is pingable only when GitHub says it is reachable from the ref. The
   * reason is said in the issue and the summary; `ref` is input text, so it is shown as code.
   */
  async function checkReachable(sha: string): Promise<void> {
    const key = sha.toLowerCase();
    if (!reachRef || reachChecked.has(key)) return;
    reachChecked.add(key);
    const from = `${code(reachRef, { max: 100 })} (mention-only-reachable-from)`;
    if (!client) {
      blocked[key] = `without a token, it cannot be checked that the commit is reachable from ${from}`;
      return;
    }
    try {
      const reachable = await client.isReachable(reachRef, sha);
      if (reachable === 'unknown')
        blocked[key] =
          `GitHub could not compare the commit with ${from}: one of them is not in this repository`;
      else if (!reachable) blocked[key] = `the commit is not reachable from ${from}`;
    } catch (err) {
      blocked[key] = `it could not be checked that the commit is reachable from ${from}`;
      if (mode === 'dry-run')
        offline(err, `check that ${sha.slice(0, 12)} is reachable from ${reachRef}`, null);
      else
        opts.warning(
          describeError(err, `check that ${sha.slice(0, 12)} is reachable from ${reachRef}`, null),
        );
    }
  }

  /** Dry run: GitHub unreachable is not an error; say so once and preview as if nothing existed. */
  function offline<T>(err: unknown, what: string, fallback: T): T {
    if (mode !== 'dry-run') throw new PublishError(describeError(err, what, null));
    if (!offlineWarned) {
      opts.warning(
        `${describeError(err, what, null)}. Dry run: showing what a run would do if GitHub held nothing yet.`,
      );
      offlineWarned = true;
    }
    return fallback;
  }

  async function lookUp(r: Report): Promise<AuthorInfo | null> {
    if (!r.culprit) return null;
    const info = await resolver.resolve(r.culprit);
    authors[r.culprit.sha.toLowerCase()] = info;
    return info;
  }

  async function readIssues(): Promise<IssueItem[] | null> {
    if (!client) return null;
    const early = issuesEarly;
    issuesEarly = null;
    try {
      return await (early ?? client.listIssues(labels));
    } catch (err) {
      return offline(err, 'list issues', null);
    }
  }

  async function readComments(number: number): Promise<CommentItem[]> {
    if (!client) return [];
    try {
      return await client.listComments(number);
    } catch (err) {
      return offline(err, `list comments on #${number}`, []);
    }
  }

  /** Sends one action (or, in dry-run/read-only mode, prints it); returns the created issue if any. */
  async function perform(a: Action, g: GroupPlan): Promise<IssueItem | null> {
    const [what, permission] = doing(a);
    if (mode !== 'write' || !client) {
      opts.info(mode === 'dry-run' ? `[dry-run] would ${what}:\n${preview(a)}` : `(read-only) would ${what}`);
      return null;
    }
    try {
      switch (a.kind) {
        case 'create-issue': {
          const made = await createOnce(
            () => client.createIssue({ title: a.title, body: a.body, labels: a.labels }),
            async () =>
              (await client.listIssues(labels)).find(
                (i) => isOwnItem(i.user, identity) && parseIssueMarker(i.body)?.key === g.key.hash,
              ) ?? null,
          );
          identity ??= made.user.login;
          await ensureLabels(made, a.labels);
          return made;
        }
        case 'update-issue':
        case 'reopen-issue':
          await client.updateIssue(a.number, {
            body: a.body,
            ...(a.title ? { title: a.title } : {}),
            ...(a.kind === 'reopen-issue' ? { state: 'open' as const } : {}),
          });
          return null;
        case 'close-issue':
          await client.updateIssue(a.number, { state: 'closed', state_reason: a.stateReason });
          return null;
        case 'comment':
          await createOnce(
            () => client.createComment(a.number, a.body),
            async () =>
              (await client.listComments(a.number)).find(
                (c) => c.body === a.body && isOwnItem(c.user, identity),
              ) ?? null,
          );
          return null;
        case 'create-pr-comment':
          await createOnce(
            () => client.createComment(a.pr, a.body),
            async () =>
              (await client.listComments(a.pr)).find(
                (c) => parseCommentMarker(c.body)?.key === g.key.hash && isOwnItem(c.user, identity),
              ) ?? null,
          );
          return null;
        case 'update-pr-comment':
          await client.updateComment(a.commentId, a.body);
          return null;
      }
    } catch (err) {
      throw new PublishError(describeError(err, what, permission));
    }
  }

  /** A create GitHub may have applied though the answer was lost: look for it before sending again. */
  async function createOnce<T>(create: () => Promise<T>, find: () => Promise<T | null>): Promise<T> {
    try {
      return await create();
    } catch (err) {
      if (!mayHaveApplied(err)) throw err;
      const found = await find();
      if (found) return found;
      return create();
    }
  }

  /**
   * GitHub creates missing labels named in POST /issues, but silently drops them for tokens without
   * push access; an unlabelled issue would be invisible to the next run's list, so add them explicitly.
   */
  async function ensureLabels(issue: IssueItem, wanted: string[]): Promise<void> {
    const missing = wanted.filter((l) => !issue.labels.includes(l));
    if (missing.length === 0 || !client) return;
    const now = await client.addLabels(issue.number, missing);
    const still = missing.filter((l) => !now.includes(l));
    if (still.length > 0) {
      opts.warning(
        `GitHub did not put the label(s) ${still.join(', ')} on issue #${issue.number}; later runs find issues by label and would open a new one.`,
      );
    }
  }

  /** Claims: the first run to create the label files the issue. */
  async function claim(label: string): Promise<'won' | 'lost'> {
    if (mode !== 'write' || !client) return 'won';
    try {
      return (await client.createLabel(label, claimDescription(new Date()))) ? 'won' : 'lost';
    } catch (err) {
      // The claim is the first step of filing: say so in the terms a workflow author knows.
      throw new PublishError(describeError(err, 'create an issue', ISSUES_WRITE));
    }
  }

  /** When a taken claim was made (ms), if its label says so (claims made by older versions do not). */
  async function claimedAt(label: string): Promise<number | null> {
    if (mode !== 'write' || !client) return null;
    try {
      const at = CLAIMED_AT.exec((await client.labelDescription(label)) ?? '');
      return at ? Date.parse(at[1]) : null;
    } catch {
      return null; // cannot tell: wait for the claim's winner
    }
  }

  /** After a takeover: the claim is this run's now, so a later stale claim needs a new takeover label. */
  async function renewClaim(label: string): Promise<void> {
    try {
      await client?.setLabelDescription(label, claimDescription(new Date()));
    } catch (err) {
      opts.info(
        `Could not renew the claim label ${label}: ${describeError(err, 'update a label', ISSUES_WRITE)}`,
      );
    }
  }

  /**
   * Claim label → the takeover label this run created to take its filing over. Only the claim label
   * stays on the issue; a takeover label is spent once the failure has its issue, so it is deleted
   * then (one would pile up per deleted issue otherwise). Only labels this run created are deleted.
   */
  const takeovers = new Map<string, string>();

  /** Deletes the takeover labels of a failure that has its issue now (claim labels share a prefix). */
  async function dropTakeovers(g: GroupPlan): Promise<void> {
    const failure = g.claimLabel.slice(0, g.claimLabel.lastIndexOf(':') + 1);
    for (const [claimLabel, label] of takeovers) {
      if (!client || !claimLabel.startsWith(failure)) continue;
      takeovers.delete(claimLabel);
      try {
        await client.deleteLabel(label); // false: already gone, as wanted
      } catch (err) {
        opts.info(
          `Could not delete the spent takeover label ${label}: ${describeError(err, 'delete a label', ISSUES_WRITE)}`,
        );
      }
    }
  }

  /** Takes a claim's filing over through the label `label`; true when this run won it. */
  async function takeOver(claimLabel: string, label: string): Promise<boolean> {
    const won = (await claim(label)) === 'won';
    if (won) {
      takeovers.set(claimLabel, label);
      await renewClaim(claimLabel);
    }
    return won;
  }

  function wouldWord(action: string): string {
    if (mode === 'write') return action;
    return action === 'created' ? 'would-create' : `would-${action}`;
  }

  return {
    async resolveAuthors(reports: Report[]): Promise<Record<string, string>> {
      const logins: Record<string, string> = {};
      const culprits = reports.filter((r) => r.culprit && (r.status === 'found' || r.direction === 'fix'));
      if (opts.createIssue && client && reports.some(mayFileIssue)) {
        issuesEarly = client.listIssues(labels);
        issuesEarly.catch(() => undefined); // apply() awaits it and reports the error
      }
      // Installation tokens (GITHUB_TOKEN, GitHub Apps: ghs_) cannot call GET /user; personal ones can.
      if (client && !opts.token.startsWith('ghs_') && reports.some(mayFileIssue)) {
        viewerEarly = client.viewer().catch(() => null);
      }
      let warned = false;
      // Same round trip as the author look-ups.
      const reach = Promise.all(
        [...new Set(culprits.map((r) => r.culprit!.sha))].map((sha) => checkReachable(sha)),
      );
      await inPool(culprits, 4, async (r) => {
        try {
          const info = await lookUp(r);
          if (info?.login) logins[r.culprit!.sha] = info.login;
        } catch (err) {
          failedLookups.add(r.culprit!.sha.toLowerCase());
          const what = `look up the author of ${r.culprit!.sha.slice(0, 12)}`;
          if (mode === 'dry-run') offline(err, what, null);
          else if (!warned) opts.warning(describeError(err, what, null));
          warned = true;
        }
      });
      await reach;
      return logins;
    },

    notPinged(): Readonly<Record<string, string>> {
      return blocked;
    },

    async apply(reports: Report[], ctx: RenderContext): Promise<PublishResult> {
      const result: PublishResult = { issues: [], requests: 0, error: null };
      if (readOnly) {
        opts.warning(
          `Not writing issues or pull request comments: ${readOnly}, so GITHUB_TOKEN is read-only. ` +
            `The summary and outputs are written. ${WORKFLOW_RUN_HINT}`,
        );
      }
      let final: Plan | null = null;
      try {
        for (const r of reports) {
          if (!r.culprit) continue;
          if (!authors[r.culprit.sha.toLowerCase()]) await lookUp(r).catch(() => null);
          await checkReachable(r.culprit.sha);
        }
        identity = (await viewerEarly) ?? null;
        const state: GitHubState = {
          identity,
          issues: opts.createIssue ? await readIssues() : [],
          authors,
          prComments: {},
          claims: {},
          now: Date.now(),
        };
        const planOpts = {
          createIssue: opts.createIssue,
          commentOnPr: opts.commentOnPr,
          closeOnFix: opts.closeOnFix,
          mentionAuthor: opts.mentionAuthor,
          issueKey: opts.issueKey,
          labels,
          mentionBlocked: reachRef ? blocked : null,
        };
        const printed = new Set<string>();
        let waits = 0;
        const ageChecked = new Set<string>();
        for (let round = 0; round < CLAIM_WAIT_MS.length + 6; round++) {
          const p = plan(reports, state, planOpts, ctx);
          for (const line of p.info) {
            if (printed.has(line)) continue;
            opts.info(line);
            printed.add(line);
          }
          final = p;
          if (settled(p)) break;
          await Promise.all([
            ...p.needs.prComments.map(async (pr) => void (state.prComments[pr] = await readComments(pr))),
            ...p.needs.claims.map(async (label) => void (state.claims[label] = await claim(label))),
          ]);
          if (p.needs.waitFor.length === 0) continue;
          // A claim older than the whole wait with no issue carrying it has no winner to wait for (a person
          // deleted its issue, or its run stopped): take the filing over at once, through a claim named
          // after the stale one's time so that runs racing here still file one issue.
          const staleAfter = CLAIM_WAIT_MS.reduce((x, y) => x + y) * claimWaitScale;
          const ages = await Promise.all(
            p.needs.waitFor
              .filter((label) => !ageChecked.has(label))
              .map(async (label) => {
                ageChecked.add(label);
                return { label, at: await claimedAt(label) };
              }),
          );
          let tookOver = false;
          for (const { label, at } of ages) {
            if (at === null || Date.now() - at < staleAfter) continue;
            const won = await takeOver(label, `${label}+${Math.floor(at / 1000).toString(36)}`);
            state.claims[label] = won ? 'stale' : 'gave-up';
            if (won) {
              opts.info(
                `This failure was claimed at ${new Date(at).toISOString()} but no issue carries the claim (deleted, or that run stopped): filing it now.`,
              );
            }
            tookOver = true;
          }
          // Read the issues again before filing: a run that filed this failure a moment ago deletes its
          // spent takeover label, so this run may have won it anew; that run's issue is listed by now.
          if (tookOver) {
            if (takeovers.size > 0) state.issues = await readIssues();
            continue;
          }
          // Lost a claim (contended case only): wait for the winner's issue, then plan again.
          if (waits < CLAIM_WAIT_MS.length) {
            await sleep(CLAIM_WAIT_MS[waits++] * claimWaitScale);
            state.issues = await readIssues();
            state.prComments = {}; // the winner may be posting its PR comment right now
          } else {
            // The winner filed nothing in time (interrupted, or very slow). One waiting run takes over,
            // through a second claim, so a slow winner costs at most one extra issue, not one per
            // waiting run. The hour in its name keeps a takeover that died too from blocking for good.
            const waited = Math.round((CLAIM_WAIT_MS.reduce((a, b) => a + b) * claimWaitScale) / 1000);
            for (const label of p.needs.waitFor) {
              const hour = new Date().toISOString().slice(2, 13).replace(/[-T]/g, '');
              const won = await takeOver(label, `${label}+${hour}`);
              state.claims[label] = won ? 'stale' : 'gave-up';
              if (won) {
                opts.warning(
                  `Another run claimed this failure but filed no issue within ${waited} s; filing it now.`,
                );
              }
            }
            if (takeovers.size > 0) state.issues = await readIssues();
          }
        }
        if (!final || !settled(final)) throw new PublishError('could not settle what to publish');
        const plans = final.groups;
        await inPool(plans, 4, async (g) => {
          const first = g.actions.filter((a) => a.kind !== 'close-issue');
          const made = await Promise.all(first.map((a) => perform(a, g)));
          const issue = made.find((m) => m !== null);
          if (issue) g.outcome = { ...g.outcome, number: issue.number, url: issue.url };
          for (const a of g.actions.filter((x) => x.kind === 'close-issue')) await perform(a, g);
          if (g.outcome.number !== null) await dropTakeovers(g);
          if (g.actions.length > 0) g.outcome = { ...g.outcome, action: wouldWord(g.outcome.action) };
        });
      } catch (err) {
        result.error =
          err instanceof PublishError ? err.message : describeError(err, 'publish to GitHub', null);
      }
      result.issues = (final?.groups ?? [])
        .filter((g) => g.direction === 'cause' || g.outcome.number !== null)
        .map((g) => g.outcome);
      if (client) {
        result.reads = client.counts.reads;
        result.writes = client.counts.writes;
        result.requests = client.counts.reads + client.counts.writes;
      }
      for (const o of result.issues) {
        if (o.number !== null) opts.info(`Issue #${o.number} (${o.action}): ${o.url}`);
      }
      return result;
    },
  };
}
