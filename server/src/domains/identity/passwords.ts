import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the library defaults (19 MiB, 2 passes, 1 lane: the OWASP recommendation).
 * `algorithm: 2` is Algorithm.Argon2id; the package's const enum cannot be imported under isolatedModules.
 */
const OPTIONS = { algorithm: 2 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for a wrong password and for a malformed hash (never throws on bad input). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends as long as a real check, for a login with an unknown e-mail address, so response times
 * do not tell which addresses have an account.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword('kontor-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
