export type E2eDialect = 'sqlite' | 'postgres';

/**
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (as for the other database tests).
 * `E2E_DIALECT=sqlite|postgres` runs one of them only.
 */
export const E2E_DIALECTS: E2eDialect[] = (
  process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)
).filter((d) => !process.env.E2E_DIALECT || process.env.E2E_DIALECT === d);
