/**
 * The one place that talks HTTP to GitHub: @octokit/core with the throttling and retry plugins
 * (route strings, no endpoint-methods plugin: it is large and slows the action's start).
 * Counts every HTTP attempt and refuses any write in dry-run mode as a last line of defence.
 */
import { Octokit } from '@octokit/core';
import { throttling } from '@octokit/plugin-throttling';
import { retry } from '@octokit/plugin-retry';
import Bottleneck from 'bottleneck/light.js';
import { nodeFetch, type FetchInit } from './http.js';

export interface ClientOptions {
  token: string;
  /** REST base URL: GITHUB_API_URL (GHES: https://host/api/v3) or https://api.github.com. */
  apiUrl: string;
  dryRun: boolean;
  warning: (message: string) => void;
  /**
   * Multiplies every wait (retry backoff, rate-limit waits, spacing between writes). 1 in production;
   * tests set BISECT_REPORT_WAIT_SCALE=0.001 so a `retry-after: 1` costs a millisecond.
   */
  waitScale?: number;
  /** Longest rate-limit wait (seconds, before scaling) worth sitting out; longer ones fail the run. */
  maxWaitSeconds?: number;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string | number | undefined>;
}

export interface RequestCounts {
  reads: number;
  writes: number;
}

export interface GitHubClient {
  request<T = unknown>(route: string, params?: Record<string, unknown>): Promise<ApiResponse<T>>;
  /** All pages of a list endpoint (per_page=100), following the Link header's rel="next". */
  paginate<T = unknown>(route: string, params?: Record<string, unknown>): Promise<T[]>;
  readonly counts: RequestCounts;
}

/** Thrown (never sent) when dry-run code paths would write. */
export class DryRunWriteError extends Error {}

export function waitScaleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.BISECT_REPORT_WAIT_SCALE);
  return Number.isFinite(raw) && raw >= 0 && raw <= 1 ? raw : 1;
}

/**
 * A tiny stand-in for a Bottleneck group (the throttling plugin only calls key().schedule()):
 * runs jobs one at a time, at least `minTimeMs` apart. Lets us scale the plugin's write spacing.
 */
function spacedGroup(minTimeMs: number) {
  let tail: Promise<unknown> = Promise.resolve();
  let last = 0;
  const limiter = {
    schedule<R>(...args: unknown[]): Promise<R> {
      const rest = typeof args[0] === 'function' ? args : args.slice(1);
      const [fn, ...fnArgs] = rest as [(...a: unknown[]) => Promise<R>, ...unknown[]];
      const run = async (): Promise<R> => {
        const wait = last + minTimeMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        last = Date.now();
        return fn(...fnArgs);
      };
      const result = tail.then(run, run);
      tail = result.catch(() => undefined);
      return result;
    },
  };
  return { key: () => limiter };
}

/**
 * Pass-through stand-in for the throttling plugin's global/auth/search groups: GitHub's limits
 * for reads are handled by the plugin's retry on 403/429, and Bottleneck's queueing costs ~5 ms
 * per request (timers), a third of a whole action run over six requests.
 */
function passThroughGroup() {
  const limiter = {
    schedule<R>(...args: unknown[]): Promise<R> {
      const rest = typeof args[0] === 'function' ? args : args.slice(1);
      const [fn, ...fnArgs] = rest as [(...a: unknown[]) => Promise<R>, ...unknown[]];
      return fn(...fnArgs);
    },
  };
  return { key: () => limiter };
}

type FailedHandler = (error: unknown, info: { args: unknown[]; retryCount: number }) => unknown;

/**
 * The throttling plugin's retry limiter (a Bottleneck instance by default), with the same
 * contract: a `failed` handler that returns a number asks for a retry after that many ms.
 */
function lightRetryLimiter() {
  const handlers: FailedHandler[] = [];
  return {
    on(event: string, handler: FailedHandler) {
      if (event === 'failed') handlers.push(handler);
    },
    async schedule<R>(fn: (...a: unknown[]) => Promise<R>, ...args: unknown[]): Promise<R> {
      for (let retryCount = 0; ; retryCount++) {
        try {
          return await fn(...args);
        } catch (err) {
          let wait: number | undefined;
          for (const h of handlers) {
            const r = await h(err, { args, retryCount });
            if (typeof r === 'number') wait = r;
          }
          if (wait === undefined) throw err;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    },
  };
}

interface YieldingStore {
  yieldLoop(t?: number): Promise<void>;
  Promise: PromiseConstructor;
}
let yieldPatched = false;

/**
 * The retry plugin runs every request through a fresh Bottleneck, whose local datastore yields to
 * the event loop with `setTimeout(0)` about five times per request; Node clamps each to 1 ms, so the
 * plugin cost ~5 ms per request (7 ms against 2.5 ms on loopback). `setImmediate` yields to pending
 * I/O all the same, without the clamp. Longer waits keep Bottleneck's own timer. Returns whether the
 * datastore was found (its shape is Bottleneck 2's; anything else is left alone).
 */
export function yieldBottleneckWithoutClamp(): boolean {
  if (yieldPatched) return true;
  const store = (new Bottleneck() as unknown as { _store?: YieldingStore })._store;
  const proto = store ? (Object.getPrototypeOf(store) as YieldingStore) : null;
  if (!proto || typeof proto.yieldLoop !== 'function') return false;
  const original = proto.yieldLoop;
  proto.yieldLoop = function (this: YieldingStore, t = 0) {
    return t > 0 ? original.call(this, t) : new this.Promise<void>((resolve) => setImmediate(resolve));
  };
  yieldPatched = true;
  return true;
}

export function createClient(opts: ClientOptions): GitHubClient {
  yieldBottleneckWithoutClamp();
  const scale = opts.waitScale ?? 1;
  const maxWait = opts.maxWaitSeconds ?? 120;
  const counts: RequestCounts = { reads: 0, writes: 0 };
  const countingFetch: typeof fetch = async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      if (opts.dryRun) throw new DryRunWriteError(`dry-run: refused to send ${method} ${String(input)}`);
      counts.writes++;
    } else counts.reads++;
    // Node's own HTTP client rather than the global fetch: loading undici costs ~40 ms per run.
    return nodeFetch(input as string | URL, init as FetchInit) as unknown as Response;
  };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const retryable = retryCount < 3 && retryAfter <= maxWait;
      opts.warning(
        `GitHub ${kind} rate limit on ${options.method} ${options.url}: ` +
          (retryable ? `retrying in ${retryAfter}s` : `giving up (retry after ${retryAfter}s)`),
      );
      return retryable;
    };
  const MyOctokit = Octokit.plugin(throttling, retry);
  const silent = (): void => undefined;
  const octokit = new MyOctokit({
    auth: opts.token || undefined,
    baseUrl: opts.apiUrl.replace(/\/+$/, ''),
    userAgent: 'bisect-report',
    request: { fetch: countingFetch },
    log: { debug: silent, info: silent, warn: silent, error: silent },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: 1000 * scale,
      // GitHub asks for at least a second between writes, more for notification-sending ones.
      write: spacedGroup(1000 * scale) as never,
      notifications: spacedGroup(3000 * scale) as never,
      global: passThroughGroup() as never,
      auth: passThroughGroup() as never,
      search: passThroughGroup() as never,
      retryLimiter: lightRetryLimiter() as never,
    },
    retry: {
      retryAfterBaseValue: 1000 * scale,
      // 429/403 rate limits are the throttling plugin's; 4xx other than those are final answers.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  });

  async function request<T>(route: string, params: Record<string, unknown> = {}): Promise<ApiResponse<T>> {
    const res = await octokit.request(route, params);
    return { status: res.status, data: res.data as T, headers: res.headers as ApiResponse<T>['headers'] };
  }

  async function paginate<T>(route: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; page <= 100; page++) {
      const res = await request<T[]>(route, { ...params, per_page: 100, page });
      all.push(...res.data);
      const link = String(res.headers.link ?? '');
      if (!/rel="next"/.test(link) || res.data.length === 0) break;
    }
    return all;
  }

  return { request, paginate, counts };
}
