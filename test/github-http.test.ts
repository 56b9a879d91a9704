/**
 * The GitHub client's HTTP layer (src/github/http.ts under Octokit in src/github/client.ts):
 * redirects behave like fetch, one kept-alive connection serves a run, and
 * failures carry what errors.ts and the retry logic read.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import Bottleneck from 'bottleneck/light.js';
import { createClient, yieldBottleneckWithoutClamp } from '../src/github/client.js';
import { nodeFetch } from '../src/github/http.js';

interface Seen {
  method: string;
  url: string;
  auth: string | null;
  body: string;
  socket: number;
}

let server: http.Server;
let base: string;
let seen: Seen[];
let sockets: number;
let answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

beforeEach(async () => {
  seen = [];
  sockets = 0;
  answer = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end('{"ok":true}');
  };
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const socket = (req.socket as unknown as { id?: number }).id ?? -1;
      seen.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization ?? null,
        body,
        socket,
      });
      answer(req, res, body);
    });
  });
  server.on('connection', (s) => ((s as unknown as { id: number }).id = ++sockets));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('sequential requests share one kept-alive connection and send token auth', async () => {
  const client = createClient({ token: 'ghs_abc', apiUrl: base + '/', dryRun: false, warning: () => {} });
  for (let i = 0; i < 4; i++) {
    const res = await client.request<{ ok: boolean }>('GET /repos/{owner}/{repo}/issues', {
      owner: 'acme',
      repo: 'widget',
      page: i,
    });
    expect(res.data).toEqual({ ok: true });
  }
  expect(seen.map((s) => s.url)).toEqual([0, 1, 2, 3].map((i) => `/repos/acme/widget/issues?page=${i}`));
  expect(seen.every((s) => s.auth === 'token ghs_abc')).toBe(true);
  expect(sockets).toBe(1);
  expect(client.counts).toEqual({ reads: 4, writes: 0 });
});

test('errors carry status, GitHub message and headers; 5xx are retried, 404 is not', async () => {
  let calls = 0;
  answer = (req, res) => {
    calls++;
    const status = req.url!.includes('missing') ? 404 : calls < 3 ? 502 : 200;
    res.writeHead(status, { 'content-type': 'application/json', 'x-github-request-id': 'R1' });
    res.end(
      status === 200
        ? '{"done":1}'
        : JSON.stringify({ message: 'Nope', documentation_url: 'https://docs.github.com/rest' }),
    );
  };
  const client = createClient({
    token: 't',
    apiUrl: base,
    dryRun: false,
    warning: () => {},
    waitScale: 0.001,
  });
  const ok = await client.request('GET /repos/{owner}/{repo}', { owner: 'a', repo: 'b' });
  expect(ok.data).toEqual({ done: 1 });
  expect(calls).toBe(3);
  const err = (await client
    .request('GET /repos/{owner}/{repo}/missing', { owner: 'a', repo: 'b' })
    .catch((e: unknown) => e)) as {
    name: string;
    status: number;
    message: string;
    response?: { headers: Record<string, string> };
  };
  expect(err.name).toBe('HttpError');
  expect(err.status).toBe(404);
  expect(err.message).toBe('Nope - https://docs.github.com/rest');
  expect(err.response?.headers['x-github-request-id']).toBe('R1');
  expect(calls).toBe(4);
});

test('dry-run refuses writes before anything is sent', async () => {
  const client = createClient({
    token: 't',
    apiUrl: base,
    dryRun: true,
    warning: () => {},
    waitScale: 0.001,
  });
  await expect(
    client.request('POST /repos/{owner}/{repo}/issues', { owner: 'a', repo: 'b', title: 'x' }),
  ).rejects.toThrow(/dry-run: refused to send POST/);
  expect(seen).toHaveLength(0);
});

test('redirects: followed like fetch, POST→GET on 301, body kept on 307, no credentials to another origin', async () => {
  const other = http.createServer((req, res) => {
    seen.push({
      method: req.method!,
      url: 'other:' + req.url!,
      auth: req.headers.authorization ?? null,
      body: '',
      socket: 0,
    });
    res.end('elsewhere');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherUrl = `http://localhost:${(other.address() as AddressInfo).port}/x`;
  answer = (req, res) => {
    const to = { '/moved': '/new', '/temp': '/new', '/away': otherUrl }[req.url!];
    if (to) res.writeHead(req.url === '/temp' ? 307 : 301, { location: to });
    res.end(to ? '' : 'here');
  };
  try {
    const headers = { authorization: 'token secret' };
    let r = await nodeFetch(base + '/moved', { method: 'POST', headers, body: '{"a":1}' });
    expect([r.status, r.url, await r.text(), r.redirected]).toEqual([200, base + '/new', 'here', true]);
    r = await nodeFetch(base + '/temp', { method: 'POST', headers, body: '{"a":1}' });
    expect(await r.text()).toBe('here');
    r = await nodeFetch(base + '/away', { headers });
    expect(await r.text()).toBe('elsewhere');
    expect(seen.map((s) => `${s.method} ${s.url} ${s.auth ?? '-'} ${s.body}`)).toEqual([
      'POST /moved token secret {"a":1}',
      'GET /new token secret ',
      'POST /temp token secret {"a":1}',
      'POST /new token secret {"a":1}',
      'GET /away token secret ',
      'GET other:/x - ',
    ]);
  } finally {
    other.closeAllConnections();
    await new Promise((resolve) => other.close(resolve));
  }
});

test('no answer: the socket error (for errors.ts), and an abort signal is honoured', async () => {
  answer = () => undefined; // never answers
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 20);
  await expect(nodeFetch(base + '/hang', { signal: ac.signal })).rejects.toMatchObject({
    name: 'AbortError',
  });
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve)); // nothing listens there now
  await expect(nodeFetch(`http://127.0.0.1:${port}/gone`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
});

test('Bottleneck (under the retry plugin) yields with setImmediate, not a clamped setTimeout(0)', async () => {
  expect(yieldBottleneckWithoutClamp()).toBe(true);
  // Node clamps setTimeout(0) to 1 ms: count the zero-delay timers one scheduled job sets.
  const spy = jest.spyOn(globalThis, 'setTimeout');
  try {
    await expect(new Bottleneck().schedule(async () => 42)).resolves.toBe(42);
    const zeroDelay = spy.mock.calls.filter(([, ms]) => !ms).length;
    // One is Bottleneck's own job timer; its five datastore yields no longer add theirs.
    expect(zeroDelay).toBeLessThanOrEqual(1);
    // Longer waits still go through a real timer.
    spy.mockClear();
    const store = (new Bottleneck() as unknown as { _store: { yieldLoop(t?: number): Promise<void> } })
      ._store;
    await store.yieldLoop(5);
    expect(spy.mock.calls.some(([, ms]) => ms === 5)).toBe(true);
  } finally {
    spy.mockRestore();
  }
});
