import type { Problem } from '../../../contracts/common';

/** An HTTP error from the API, carrying the RFC 9457 problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field errors keyed by dotted path (`email`, `lines.0.amount`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (!(e.path in out)) out[e.path] = e.message;
    }
    return out;
  }
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

/**
 * A stale `version` on an edit: somebody else saved the record in the meantime (`<entity>.stale_version`).
 * Other 409s (a name already taken) are ordinary errors with a message of their own.
 */
export function isConflict(err: unknown): boolean {
  if (!isApiError(err, 409)) return false;
  const code = err.problem.code;
  return !code || code.endsWith('stale_version');
}

let csrfToken: string | null = null;
let unauthorizedHandler: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** Kept from the login and `/auth/me` responses; sent on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request but the login itself answers 401 (session expired, logged out elsewhere). */
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `?a=1&b=x`, leaving out empty values. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sends `body` as it is (a string or a file) with this content type instead of as JSON. */
  contentType?: string;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Do not call the global 401 handler (the login form and the session probe handle it themselves). */
  skipUnauthorizedHandler?: boolean;
}

async function readProblem(res: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: res.statusText || 'Error',
    status: res.status,
  };
  const text = await res.text().catch(() => '');
  if (!text) return fallback;
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    if (parsed && typeof parsed === 'object') {
      return {
        ...fallback,
        ...parsed,
        status: typeof parsed.status === 'number' ? parsed.status : res.status,
      };
    }
  } catch {
    // not JSON (a proxy error page): keep the status line
  }
  return fallback;
}

/** Calls the Kontor API: JSON in and out, cookie session, CSRF header, problem documents as `ApiError`. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const raw = options.contentType !== undefined;
  if (options.body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  const url = `/api${path}${options.query ? toQueryString(options.query) : ''}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : raw
            ? (options.body as BodyInit)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network' });
  }

  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !options.skipUnauthorizedHandler && path !== '/auth/login') {
      unauthorizedHandler();
    }
    throw new ApiError(problem);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  /** POSTs a raw body (XML, CSV) with its content type; the answer is JSON as usual. */
  postRaw: <T>(path: string, body: BodyInit, contentType: string, query?: Record<string, QueryValue>) =>
    apiRequest<T>(path, { method: 'POST', body, contentType, query }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};
