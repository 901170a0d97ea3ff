import type { Page } from 'playwright-core';

/** Headers of an API session: the session cookie and the CSRF token for state-changing requests. */
export type ApiHeaders = Record<string, string>;

/** Logs in over the API (no browser) and returns headers for requests as that user. */
export async function apiSession(
  baseUrl: string,
  user: { email: string; password: string },
): Promise<ApiHeaders> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const me = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
}

/**
 * Runs a scheduled job now, as the scheduler would (`POST /api/admin/jobs/:name/run`, admins only),
 * optionally as of a business date (like `run-job --as-of`), and returns its summary; throws unless
 * it succeeded.
 */
export async function runJob(
  baseUrl: string,
  admin: ApiHeaders,
  name: string,
  opts: { asOf?: string } = {},
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/admin/jobs/${encodeURIComponent(name)}/run`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify(opts.asOf ? { asOf: opts.asOf } : {}),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`run-job ${name}: ${res.status} ${body}`);
  const run = JSON.parse(body) as { status: string; summary?: string | null; error?: string | null };
  if (run.status !== 'succeeded') throw new Error(`run-job ${name}: ${run.status} ${run.error ?? ''}`);
  return run.summary ?? '';
}

/** Calls the API from the page, as the signed-in user (session cookie and CSRF token). */
export async function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await fetch('/api/auth/me').then((r) => r.json());
      const res = await fetch(`/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, path, body },
  ) as Promise<T>;
}

/** Calls the API without a browser, with the headers of an API session; throws on an error answer. */
export async function apiCall<T>(
  url: string,
  headers: ApiHeaders,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers,
    body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
  });
  const raw = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${raw}`);
  return (raw ? JSON.parse(raw) : null) as T;
}
