/**
 * Workflow annotations (pure): reports → notices, warnings and errors the action's main emits with
 * core.notice/warning/error. GitHub shows at most 10 per level per step, so we never produce more.
 */
import { isTrustedLabel, type Report } from '../model.js';
import { plain } from './escape.js';
import { orderReports } from './summary.js';
import { fmtProb, shortSha, STATUS_WORDS } from './view.js';

export type AnnotationLevel = 'notice' | 'warning' | 'error';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string;
  /** Repository-relative path for a file-level annotation. */
  file?: string;
}

export const MAX_PER_LEVEL = 10;

export interface AnnotationOptions {
  /** The workflow runs for a pull request: trusted culprits get a warning on each file they touched. */
  pullRequest?: boolean;
}

/** One line saying what a bisection found, for people and logs. */
export function headlineText(r: Report): string {
  const c = r.culprit;
  const parts = [`${plain(r.source, 120)}: ${STATUS_WORDS[r.status] ?? r.status}`];
  if (c) {
    const verb = r.direction === 'fix' ? 'fixed by' : 'caused by';
    parts.push(`— ${verb} ${shortSha(c.sha) ?? plain(c.sha, 16)} ${plain(c.subject, 120)}`);
  }
  if (r.trust) parts.push(`(trust: ${r.trust.label} ${fmtProb(r.trust.probability)})`);
  if (r.flaky) parts.push('[flaky]');
  if (!c && r.reason) parts.push(`— ${plain(r.reason, 200)}`);
  return parts.join(' ');
}

function safePath(path: string): string | null {
  const p = plain(path, 300);
  // A path git's diffstat shortened (".../tail") names no file in the checkout.
  if (!p || p.startsWith('/') || p.startsWith('...') || p.split('/').includes('..') || /[\s,:]/.test(p))
    return null;
  return p;
}

export function reportAnnotations(reports: Report[], opts: AnnotationOptions = {}): Annotation[] {
  const ordered = orderReports(reports);
  const out: Annotation[] = [];
  const add = (a: Annotation) => {
    if (out.filter((x) => x.level === a.level).length < MAX_PER_LEVEL) out.push(a);
  };

  // One notice per bisection (the last slot sums up the rest when there are more).
  const notices = ordered.length > MAX_PER_LEVEL ? ordered.slice(0, MAX_PER_LEVEL - 1) : ordered;
  for (const r of notices) add({ level: 'notice', title: 'bisect-report', message: headlineText(r) });
  if (ordered.length > notices.length) {
    add({
      level: 'notice',
      title: 'bisect-report',
      message: `… and ${ordered.length - notices.length} more bisections (see the job summary)`,
    });
  }

  // A culprit nobody should act on, and failed bisections, are warnings.
  for (const r of ordered) {
    if (
      r.status === 'found' &&
      r.trust &&
      (r.trust.label === 'contradicted' || r.trust.label === 'unreliable')
    ) {
      add({
        level: 'warning',
        title: `Culprit ${r.trust.label}`,
        message: `${headlineText(r)}${r.trust.weakestLink?.message ? ` — ${plain(r.trust.weakestLink.message, 300)}` : ''}`,
      });
    } else if (r.status === 'failed') {
      add({ level: 'warning', title: 'Bisection failed', message: headlineText(r) });
    }
  }

  // On a pull request, point at the files a trusted culprit touched.
  if (opts.pullRequest) {
    for (const r of ordered) {
      if (r.status !== 'found' || !r.culprit || !isTrustedLabel(r.trust?.label)) continue;
      if (r.direction === 'fix') continue;
      for (const f of r.culprit.files) {
        const file = safePath(f.path);
        if (!file) continue;
        add({
          level: 'warning',
          file,
          title: 'Culprit of a bisected failure',
          message: `Commit ${shortSha(r.culprit.sha) ?? ''} changed this file and is the ${r.trust!.label} culprit of ${plain(r.crash?.title ?? r.source, 150)} (${fmtProb(r.trust!.probability)}).`,
        });
      }
    }
  }
  return out;
}
