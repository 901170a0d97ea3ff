import type { Kysely } from 'kysely';

/**
 * `users.manager_id`: whom a user reports to (issue 7: "create a task for the owner's manager").
 * Nullable: without it the automation engine falls back to a manager of the user's teams.
 * No foreign key, like the other user references: users are deactivated, never deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('manager_id', 'text').execute();
}
