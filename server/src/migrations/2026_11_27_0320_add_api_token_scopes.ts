import type { Kysely } from 'kysely';

/**
 * `api_tokens.scopes`: what a token may do per domain, as JSON text (`["deals:read","companies:write"]`).
 * Null = everything its user's role allows: tokens made before scopes existed keep working as they did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('scopes', 'text').execute();
}
