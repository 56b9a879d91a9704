/**
 * Culprit sha → GitHub login and the pull requests that brought the commit in. Read-only and cached
 * per sha: one GET /commits/{sha}, and GET /commits/{sha}/pulls only when needed.
 */
import type { Commit } from '../model.js';
import type { GitHubApi } from './client.js';

export interface PullInfo {
  number: number;
  login: string | null;
  merged: boolean;
  url: string;
}

export interface AuthorInfo {
  login: string | null;
  /** Where the login came from. */
  via: 'commit' | 'pull-request' | 'author-map' | null;
  /** False when GitHub does not know the commit (a tree bisected elsewhere): not an error; null = not asked (no token). */
  onGitHub: boolean | null;
  /** Pull requests associated with the commit (empty when not looked up). */
  pulls: PullInfo[];
}

export class AuthorResolver {
  private readonly cache = new Map<string, Promise<AuthorInfo>>();

  constructor(
    private readonly client: GitHubApi | null,
    private readonly repo: { owner: string; repo: string },
    private readonly authorMap: Record<string, string>,
    /** Pull requests are needed for PR comments even when the commit names its author. */
    private readonly wantPulls: boolean,
  ) {}

  resolve(commit: Commit): Promise<AuthorInfo> {
    const sha = commit.sha.toLowerCase();
    let p = this.cache.get(sha);
    if (!p) {
      p = this.lookup(commit);
      this.cache.set(sha, p);
      // A failed look-up (network, 5xx after retries) may be tried again later in the run.
      p.catch(() => this.cache.delete(sha));
    }
    return p;
  }

  private fromMap(commit: Commit): string | null {
    const email = commit.author?.email?.toLowerCase();
    return email ? (this.authorMap[email] ?? null) : null;
  }

  /** The commit lives in another repository (Commit.repository): not ours to ask about, nobody to mention. */
  private isForeign(commit: Commit): boolean {
    const repo = commit.repository;
    if (!repo) return false;
    return (repo.slug ?? '').toLowerCase() !== `${this.repo.owner}/${this.repo.repo}`.toLowerCase();
  }

  private async lookup(commit: Commit): Promise<AuthorInfo> {
    const info: AuthorInfo = { login: null, via: null, onGitHub: null, pulls: [] };
    if (this.isForeign(commit)) return info;
    const mapped = this.fromMap(commit);
    if (!this.client || !/^[0-9a-f]{7,64}$/i.test(commit.sha)) {
      if (mapped) Object.assign(info, { login: mapped, via: 'author-map' });
      return info;
    }
    // Both at once when pull requests are wanted anyway: one round trip instead of two.
    const author = this.client.commitAuthor(commit.sha);
    const early = this.wantPulls ? this.client.pullsForCommit(commit.sha) : null;
    early?.catch(() => undefined); // awaited below, or dropped when the commit is unknown
    const found = await author;
    info.onGitHub = found !== 'unknown';
    if (found !== 'unknown' && found.login) Object.assign(info, { login: found.login, via: 'commit' });
    if (info.onGitHub && (this.wantPulls || !info.login)) {
      const pulls = await (early ?? this.client.pullsForCommit(commit.sha));
      info.pulls = pulls === 'unknown' ? [] : pulls;
      if (!info.login) {
        const pr = info.pulls.find((p) => p.merged && p.login) ?? info.pulls.find((p) => p.login);
        if (pr?.login) Object.assign(info, { login: pr.login, via: 'pull-request' });
      }
    }
    if (!info.login && mapped) Object.assign(info, { login: mapped, via: 'author-map' });
    return info;
  }
}
