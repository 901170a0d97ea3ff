import type { Me, User } from '../../../contracts/identity';
import type { Role } from '../../../contracts/permissions';
import { createUser } from '../domains/identity';
import { systemActor } from '../platform/actor';
import { SESSION_COOKIE } from '../platform/http/auth';
import type { TestApp } from './test-app';

/** A signed-in test user: send `headers` with every request (cookie + CSRF token). */
export interface TestSession {
  user: User;
  me: Me;
  password: string;
  /** The session cookie value. */
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

let counter = 0;

/** Creates a user directly through the service (as the system), without logging in. */
export async function createTestUser(
  t: TestApp,
  input: { role: Role; email?: string; name?: string; password?: string; locale?: 'de' | 'en' },
): Promise<{ user: User; password: string }> {
  counter += 1;
  const password = input.password ?? `password-${input.role}-${counter}`;
  const user = await createUser(t.ctx, systemActor('test'), {
    email: input.email ?? `${input.role}${counter}@test.kontor`,
    name: input.name ?? `${input.role[0]!.toUpperCase()}${input.role.slice(1)} ${counter}`,
    password,
    role: input.role,
    locale: input.locale ?? 'de',
  });
  return { user, password };
}

/** Logs in through the API; throws when the login fails. */
export async function loginAs(
  t: TestApp,
  email: string,
  password: string,
): Promise<Omit<TestSession, 'password'>> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login of ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  if (!cookie) throw new Error('login did not set the session cookie');
  const me = res.json<Me>();
  const csrf = me.csrfToken ?? '';
  return {
    user: me.user,
    me,
    cookie,
    csrf,
    headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': csrf },
  };
}

/** A new user of the role, signed in. One password hash and one verify: keep them to beforeAll. */
export async function createUserAndLogin(
  t: TestApp,
  input: { role: Role; email?: string; name?: string; password?: string; locale?: 'de' | 'en' },
): Promise<TestSession> {
  const { user, password } = await createTestUser(t, input);
  return { ...(await loginAs(t, user.email, password)), password };
}

/** Headers for an API token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
