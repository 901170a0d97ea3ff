import type { Selectable, Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import { preparedQuery } from '../../platform/db/prepared-query';
import type { TaskTypesTable } from './work.tables';

export type TaskTypeRow = Selectable<TaskTypesTable>;

export function listTaskTypeRows(db: DbOrTx): Promise<TaskTypeRow[]> {
  return db.selectFrom('task_types').selectAll().orderBy('position').orderBy('key').execute();
}

const taskTypeByKey = preparedQuery((db, p: { key: string }) =>
  db.selectFrom('task_types').selectAll().where('key', '=', p.key),
);

/** A type by its key (every new task checks its type: the query is compiled once). */
export async function findTaskType(db: DbOrTx, key: string): Promise<TaskTypeRow | undefined> {
  const [row] = await taskTypeByKey(db, { key });
  return row;
}

export async function nextTaskTypePosition(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('task_types')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export function insertTaskType(db: DbOrTx, row: TaskTypeRow) {
  return db.insertInto('task_types').values(row).execute();
}

export function updateTaskTypeRow(db: DbOrTx, key: string, patch: Updateable<TaskTypesTable>) {
  return db.updateTable('task_types').set(patch).where('key', '=', key).execute();
}

export function deleteTaskTypeRow(db: DbOrTx, key: string) {
  return db.deleteFrom('task_types').where('key', '=', key).execute();
}

/** Whether any task (open or closed) has the type: such a type can only be archived. */
export async function taskTypeInUse(db: DbOrTx, key: string): Promise<boolean> {
  const row = await db.selectFrom('tasks').select('id').where('type', '=', key).limit(1).executeTakeFirst();
  return row !== undefined;
}
