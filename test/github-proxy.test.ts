/**
 * Proxies (issue 17, item 7): the built action behind a real proxy on loopback. The toolkit's client
 * never proxies loopback hosts, so GitHub is `api.github.test`, a name only the proxy resolves (to a
 * TLS front of the fake GitHub, trusted through NODE_EXTRA_CA_CERTS): a request that skipped the
 * proxy could not reach it. Before: requests went direct (Node ignores HTTPS_PROXY) and failed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { DIST_ACTION } from './helpers/paths.js';
import { describeOrSkip } from './helpers/skip.js';
import { actionEnv, runAction, type ProcResult } from './helpers/run.js';
import { FakeGitHub } from './fake-github/server.js';
import { causeLog, CULPRIT } from './fake-github/logs.js';

const HOST = 'api.github.test';

let dir: string;
let gh: FakeGitHub;
let tlsFront: NetServer;
let proxy: Server;
let proxyUrl: string;
/** What the proxy was asked: `CONNECT host:port` or `METHOD absolute-url`. */
let seen: string[];

const listen = (server: NetServer | Server): Promise<number> =>
  new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

/** A forward proxy that knows one name: api.github.test (:443 the TLS front, :80 the fake itself). */
function startProxy(tlsPort: number): Server {
  const target = (hostPort: string): number | null => {
    const [host, port] = hostPort.split(':');
    if (host !== HOST) return null;
    return port === '443' ? tlsPort : Number(new URL(gh.url).port);
  };
  const server = createServer((req, res) => {
    // Absolute-form request for a plain http:// URL.
    seen.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/');
    const port = target(`${url.hostname}:${url.port || '80'}`);
    if (port === null) return void res.writeHead(502).end('unknown host');
    const up = httpRequest(
      { host: '127.0.0.1', port, method: req.method, path: url.pathname + url.search, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const port = target(req.url ?? '');
    if (port === null) return void socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    const up = connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  return server;
}

const noOpenssl =
  spawnSync('openssl', ['version']).status === 0
    ? undefined
    : 'openssl is not installed (makes the TLS certificate)';
const skip = existsSync(DIST_ACTION) ? noOpenssl : `${DIST_ACTION} is missing (npm run package)`;

describeOrSkip('the built action behind a proxy', skip, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bisect-report-proxy-'));
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
        ...['-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`],
      ],
      { stdio: 'ignore' },
    );
    // TLS in front of the fake: what api.github.test:443 is, behind the proxy.
    tlsFront = createTlsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (socket) => {
        const up = connect(Number(new URL(gh.url).port), '127.0.0.1');
        socket.pipe(up).pipe(socket);
        up.on('error', () => socket.destroy());
        socket.on('error', () => up.destroy());
      },
    );
    const tlsPort = await listen(tlsFront);
    proxy = startProxy(tlsPort);
    proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
    await new Promise((r) => tlsFront.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    seen = [];
    gh = new FakeGitHub();
    await gh.start();
    gh.addCommit({
      sha: CULPRIT,
      message: 'widget: free the cache early',
      authorName: 'Alice Liddell',
      authorEmail: 'alice@example.org',
      login: 'alice',
    });
    writeFileSync(join(dir, 'bisect.txt'), causeLog());
  });

  afterEach(async () => {
    await gh.close();
    expect(gh.violations).toEqual([]);
  });

  async function run(apiUrl: string, env: Record<string, string>): Promise<ProcResult & { summary: string }> {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const r = await runAction(
      actionEnv(
        { logs: join(dir, 'bisect.txt'), token: 'ghs_faketoken' },
        {
          GITHUB_API_URL: apiUrl,
          GITHUB_SERVER_URL: 'https://github.test',
          GITHUB_REPOSITORY: 'acme/widget',
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_OUTPUT: join(dir, 'output.txt'),
          GITHUB_EVENT_NAME: 'push',
          RUNNER_TEMP: dir,
          NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
          BISECT_REPORT_WAIT_SCALE: '0.001',
          BISECT_REPORT_TIMEOUT_MS: '5000',
          ...env,
        },
      ),
    );
    return { ...r, summary: readFileSync(summary, 'utf8') };
  }

  test.each(['HTTPS_PROXY', 'https_proxy'])(
    '%s: every request goes through the proxy (https API URL)',
    async (name) => {
      const r = await run(`https://${HOST}`, { [name]: proxyUrl });
      expect(r.stdout).not.toMatch(/::error/);
      expect(r.code).toBe(0);
      expect(gh.realIssues()).toHaveLength(1);
      expect(gh.requests.length).toBeGreaterThanOrEqual(4);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((s) => s === `CONNECT ${HOST}:443`)).toBe(true);
    },
  );

  test('HTTP_PROXY for an http:// API URL (GHES without TLS)', async () => {
    const port = new URL(gh.url).port;
    const r = await run(`http://${HOST}:${port}`, { HTTP_PROXY: proxyUrl });
    expect(r.code).toBe(0);
    expect(gh.realIssues()).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.includes(`${HOST}:${port}`))).toBe(true);
  });

  test.each([HOST, '.github.test', `${HOST}:443`, '*'])(
    'NO_PROXY=%s: the proxy is bypassed (and the name does not resolve without it)',
    async (noProxy) => {
      const r = await run(`https://${HOST}`, { HTTPS_PROXY: proxyUrl, NO_PROXY: noProxy });
      expect(seen).toEqual([]);
      expect(gh.requests).toEqual([]);
      // The summary is written; one error line says GitHub could not be reached, and why.
      expect(r.summary).toContain(CULPRIT.slice(0, 12));
      const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
      expect(errors).toHaveLength(1);
      // Where the resolver answers, the name is unknown; where DNS itself is unreachable (a sandbox),
      // the look-up times out instead. Either way the request went direct, not through the proxy.
      expect(errors[0]).toMatch(
        /Could not reach GitHub .*(ENOTFOUND|EAI_AGAIN)|No answer from GitHub .*(ETIMEDOUT|EAI_AGAIN)/,
      );
      expect(r.code).toBe(1);
    },
  );
});
