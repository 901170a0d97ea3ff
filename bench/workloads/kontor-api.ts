import { get as httpGet } from 'node:http';
import type { BenchConfig } from '../support/config';
import { type LoadResult, runLoad } from '../support/load';

export interface LoginResult {
  /** `Cookie` header value carrying the session. */
  cookie: string;
  /** The session's CSRF token, sent as `X-CSRF-Token` on state-changing requests. */
  csrfToken: string;
  /** Median wall time of one login (argon2id verification dominates, by design). */
  loginMedianMs: number;
  logins: number;
}

/** Logs in `times` times in a row (few: the login route is rate limited) and keeps the last session. */
export async function login(
  baseUrl: string,
  email: string,
  password: string,
  times = 5,
): Promise<LoginResult> {
  const ms: number[] = [];
  let cookie = '';
  let csrfToken = '';
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    ms.push(performance.now() - t0);
    if (!res.ok) throw new Error(`POST /api/auth/login answered ${res.status}: ${await res.text()}`);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('kontor_session='));
    if (!session) throw new Error('POST /api/auth/login set no kontor_session cookie');
    cookie = session.split(';')[0]!;
    csrfToken = ((await res.json()) as { csrfToken?: string | null }).csrfToken ?? '';
  }
  ms.sort((a, b) => a - b);
  return { cookie, csrfToken, loginMedianMs: ms[Math.floor(ms.length / 2)]!, logins: times };
}

async function expectOk(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${new URL(url).pathname} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

/**
 * GET with the session cookie; throws with the answer unless it is a 2xx. Through node:http
 * without a time limit: `fetch` gives up after 300 s without response headers, and a request can
 * wait that long while the server is busy (a CSV import's write transaction holds its database).
 */
export function fetchJson<T>(url: string, cookie: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const req = httpGet(url, { headers: { cookie, accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          const u = new URL(url);
          reject(new Error(`GET ${u.pathname}${u.search} answered ${status}: ${body.slice(0, 500)}`));
          return;
        }
        try {
          resolve(JSON.parse(body) as T);
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
  });
}

/** (1) `GET /api/auth/me` with the session cookie. */
export async function meThroughput(cfg: BenchConfig, baseUrl: string, cookie: string): Promise<LoadResult> {
  await expectOk(`${baseUrl}/api/auth/me`, cookie);
  return runLoad({ url: `${baseUrl}/api/auth/me`, ...cfg, headers: { cookie } });
}

/** (2) `GET /api/users/:id` with the session cookie, over ids spread across the whole table. */
export async function userGetThroughput(
  cfg: BenchConfig,
  baseUrl: string,
  cookie: string,
  ids: string[],
): Promise<LoadResult> {
  await expectOk(`${baseUrl}/api/users/${ids[0]}`, cookie);
  return runLoad({
    url: `${baseUrl}/`,
    ...cfg,
    headers: { cookie },
    paths: ids.map((id) => `/api/users/${id}`),
  });
}
