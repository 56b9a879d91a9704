/**
 * Reads git's display of one commit, as `git bisect` prints it after "<sha> is the first bad
 * commit" (and syzkaller copies it into its log): `commit <sha>`, `Author:`, `Date:`, the message
 * indented by four spaces, then the diffstat or raw diff-tree file list. See docs/formats/git-bisect.md.
 *
 * One line at a time; the display ends at the first line that cannot belong to it.
 */

/** The commit fields the display fills in (a subset of the report's Commit). */
export interface DisplayedCommit {
  sha: string;
  subject: string | null;
  author: { name: string; email: string } | null;
  date: string | null;
  files: { path: string }[];
  merge: boolean;
}

/** Bounds, set by each format: a runaway display must not grow the report without limit. */
export interface DisplayLimits {
  /** After this many lines the display is taken to have ended. */
  maxLines: number;
  maxFiles: number;
  /** Shortens an over-long subject (each format keeps its own cap and marker). */
  capSubject: (subject: string) => string;
}

const AUTHOR = /^Author:\s*(.*?)(?:\s*<([^>]*)>)?\s*$/;
const RAW_DIFF_TREE = /^:\d{6} \d{6} /;
const STAT_SUMMARY = /^\d+ files? changed/;
const CREATE_DELETE = /^(?:create|delete) mode \d+ (.+)$/;
const OTHER_SUMMARY = /^(?:rename|copy|mode change|rewrite) /;

export class CommitDisplayReader {
  private lines = 0;
  constructor(
    readonly commit: DisplayedCommit,
    private readonly limits: DisplayLimits,
  ) {}

  /** Returns false when the line is not part of the display (the display has ended). */
  take(line: string): boolean {
    if (++this.lines > this.limits.maxLines) return false;
    const c = this.commit;
    if (this.lines === 1) {
      if (line.startsWith('commit ') && line.slice(7, 7 + c.sha.length) === c.sha) return true;
      // format.pretty=oneline: "<sha> subject" and then the stat.
      if (line.startsWith(c.sha + ' ')) {
        this.setSubject(line.slice(c.sha.length + 1));
        return true;
      }
      return false;
    }
    if (line === '') return true;
    const c0 = line.charCodeAt(0);
    if (line.startsWith('    ') || c0 === 9 /* tab */) {
      this.setSubject(line);
      return true;
    }
    if (line.startsWith('Merge:')) {
      c.merge = true;
      return true;
    }
    if (line.startsWith('Author:')) {
      const m = AUTHOR.exec(line)!;
      c.author = { name: m[1], email: m[2] ?? '' };
      return true;
    }
    if (line.startsWith('Date:') || line.startsWith('AuthorDate:')) {
      c.date = line.slice(line.indexOf(':') + 1).trim() || null;
      return true;
    }
    if (line.startsWith('Commit:') || line.startsWith('CommitDate:')) return true;
    if (c0 === 58 /* ':' raw diff-tree */) {
      const tab = line.indexOf('\t');
      if (tab < 0 || !RAW_DIFF_TREE.test(line)) return false;
      this.addFile(
        line
          .slice(tab + 1)
          .split('\t')
          .pop() ?? '',
      );
      return true;
    }
    if (c0 === 32) {
      const bar = line.indexOf(' | ');
      if (bar > 0) {
        this.addFile(line.slice(0, bar).trim());
        return true;
      }
      const t = line.trim();
      if (STAT_SUMMARY.test(t) || OTHER_SUMMARY.test(t)) return true;
      const created = CREATE_DELETE.exec(t);
      if (created) {
        this.addFullPath(created[1]);
        return true;
      }
    }
    return false;
  }

  /** The first non-blank message line, unless the subject is already known. */
  private setSubject(text: string): void {
    const t = text.trim();
    if (!this.commit.subject && t !== '') this.commit.subject = this.limits.capSubject(t);
  }

  /**
   * A `create mode`/`delete mode` line names the full path of a file the diffstat may have shortened
   * to `.../tail` to fit its width: complete that entry rather than listing the file twice.
   */
  private addFullPath(path: string): void {
    const shortened = this.commit.files.find(
      (f) => f.path.startsWith('.../') && path.endsWith(f.path.slice(3)) && f.path !== path,
    );
    if (shortened) shortened.path = path;
    else this.addFile(path);
  }

  private addFile(path: string): void {
    const files = this.commit.files;
    if (!path || files.length >= this.limits.maxFiles || files.some((f) => f.path === path)) return;
    files.push({ path });
  }
}
