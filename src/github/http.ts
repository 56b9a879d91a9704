/**
 * A small `fetch` on node:http/node:https for the GitHub client. Node's global fetch loads undici on
 * first use (tens of milliseconds, more than the whole analysis of a log) and adds overhead to every
 * request; the action sends a handful of small JSON requests, one at a time, so a plain client is enough.
 *
 * The answer is read whole (GitHub's JSON pages are small) and offered the Fetch way: status, url,
 * headers (iterable, get()), text(), json(), arrayBuffer(). A request that gets no answer rejects with
 * the socket's error (ECONNREFUSED, ECONNRESET, ETIMEDOUT after IDLE_TIMEOUT_MS of silence).
 * Redirects are followed as fetch does (at most 5; credentials never go to another origin).
 *
 * Connections are kept alive through Node's global agents (one connection serves the whole run; idle
 * sockets do not keep the process alive). Proxies: like Node's own fetch, HTTP(S)_PROXY/NO_PROXY are
 * honoured only when Node is told to (NODE_USE_ENV_PROXY=1 or --use-env-proxy), which configures
 * those global agents.
 */
import http from 'node:http';

/** No byte from GitHub for this long: give up on the attempt (the retry plugin may try again). */
export const IDLE_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

type Body = string | Uint8Array | null | undefined;

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Body;
  redirect?: 'follow' | 'manual' | 'error';
  signal?: AbortSignal | null;
}

/** The subset of the Fetch API Headers that Octokit reads; names are lower-case. */
export class ResponseHeaders implements Iterable<[string, string]> {
  private readonly map = new Map<string, string>();

  constructor(raw: http.IncomingHttpHeaders) {
    for (const name of Object.keys(raw).sort()) {
      const v = raw[name];
      if (v !== undefined) this.map.set(name, Array.isArray(v) ? v.join(', ') : v);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

export class NodeResponse {
  readonly ok: boolean;
  readonly redirected: boolean;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly url: string,
    readonly headers: ResponseHeaders,
    private readonly bytes: Buffer,
    redirected: boolean,
  ) {
    this.ok = status >= 200 && status < 300;
    this.redirected = redirected;
  }

  /** The whole answer (read before the response is handed out). */
  get body(): Buffer {
    return this.bytes;
  }

  async text(): Promise<string> {
    return this.bytes.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.bytes;
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const err = new Error('This operation was aborted');
  err.name = 'AbortError';
  return err;
}

/** Lazily required: real GitHub needs TLS, the loopback fake of the tests does not. */
let httpsModule: typeof import('node:https') | null = null;
async function transportFor(url: URL): Promise<typeof http | typeof import('node:https')> {
  if (url.protocol === 'http:') return http;
  if (url.protocol !== 'https:') throw new TypeError(`unsupported protocol in ${url.href}`);
  httpsModule ??= await import('node:https');
  return httpsModule;
}

interface Attempt {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

function sendOnce(
  transport: typeof http | typeof import('node:https'),
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Body,
  signal: AbortSignal | null | undefined,
): Promise<Attempt> {
  return new Promise<Attempt>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const outHeaders = { ...headers };
    if (body != null) outHeaders['content-length'] = String(Buffer.byteLength(body));
    const req = transport.request(url, { method, headers: outHeaders });
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
      reject(err);
    };
    const onAbort = (): void => fail(abortError(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.setTimeout(IDLE_TIMEOUT_MS, () => {
      const err = new Error(`no answer from ${url.host} within ${IDLE_TIMEOUT_MS / 1000} s (ETIMEDOUT)`);
      (err as NodeJS.ErrnoException).code = 'ETIMEDOUT';
      fail(err);
    });
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('aborted', () => fail(new Error(`connection to ${url.host} closed mid-answer (ECONNRESET)`)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
          bytes: Buffer.concat(chunks),
        });
      });
    });
    req.end(body ?? undefined);
  });
}

/** A kept-alive connection the server closed while idle fails before any answer: safe to resend reads. */
function staleConnection(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

export async function nodeFetch(input: string | URL, init: FetchInit = {}): Promise<NodeResponse> {
  let url = new URL(String(input));
  let method = (init.method ?? 'GET').toUpperCase();
  let headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
  let body: Body = init.body;
  const idempotent = method === 'GET' || method === 'HEAD';
  for (let hop = 0; ; hop++) {
    const transport = await transportFor(url);
    let answer: Attempt;
    try {
      answer = await sendOnce(transport, url, method, headers, body, init.signal);
    } catch (err) {
      if (!(idempotent && staleConnection(err))) throw err;
      answer = await sendOnce(transport, url, method, headers, body, init.signal);
    }
    const location = answer.headers.location;
    const redirect = [301, 302, 303, 307, 308].includes(answer.status) && location;
    if (!redirect || init.redirect === 'manual') {
      return new NodeResponse(
        answer.status,
        answer.statusText,
        url.href,
        new ResponseHeaders(answer.headers),
        answer.bytes,
        hop > 0,
      );
    }
    if (init.redirect === 'error') throw new TypeError(`unexpected redirect from ${url.href}`);
    if (hop >= MAX_REDIRECTS) throw new TypeError(`too many redirects from ${String(input)}`);
    const next = new URL(location, url);
    // As fetch does: 303 (and 301/302 after a POST) turn into a GET without a body.
    if (answer.status === 303 ? method !== 'HEAD' : answer.status <= 302 && method === 'POST') {
      method = 'GET';
      body = undefined;
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith('content-')));
    }
    // Credentials never follow a redirect to another origin.
    if (next.origin !== url.origin) {
      headers = Object.fromEntries(
        Object.entries(headers).filter(([k]) => k !== 'authorization' && k !== 'cookie'),
      );
    }
    url = next;
  }
}
