import { CreateTaskType, type TaskType, UpdateTaskType } from '../../../../contracts/work';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { fromBool, toBool } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import {
  deleteTaskTypeRow,
  findTaskType,
  insertTaskType,
  listTaskTypeRows,
  nextTaskTypePosition,
  type TaskTypeRow,
  taskTypeInUse,
  updateTaskTypeRow,
} from './task-types.repository';
import type { WorkDeps } from './tasks.deps';

export function toTaskType(row: TaskTypeRow): TaskType {
  return {
    key: row.key,
    name: row.name,
    isActivity: toBool(row.is_activity),
    builtin: toBool(row.builtin),
    defaultDurationMinutes: row.default_duration_minutes,
    position: row.position,
    archived: row.archived_at !== null,
  };
}

const unknownType = (key: string) =>
  new AppError('not_found', 'task_type.not_found', `There is no task type "${key}"`);

/** Every task type, archived ones too (old tasks still show their type), in display order. */
export async function listTaskTypes(deps: WorkDeps): Promise<{ items: TaskType[] }> {
  return { items: (await listTaskTypeRows(deps.db)).map(toTaskType) };
}

export function createTaskType(deps: WorkDeps, actor: Actor, raw: CreateTaskType): Promise<TaskType> {
  const input = CreateTaskType.parse(raw);
  return deps.db.transaction().execute(async (trx) => {
    if (await findTaskType(trx, input.key)) {
      throw new AppError('conflict', 'task_type.key_taken', `A task type "${input.key}" exists already`, [
        { path: 'key', message: 'This key is taken' },
      ]);
    }
    const now = deps.clock.now().toISOString();
    const row: TaskTypeRow = {
      key: input.key,
      name: input.name,
      is_activity: fromBool(input.isActivity),
      builtin: 0,
      default_duration_minutes: input.defaultDurationMinutes,
      position: await nextTaskTypePosition(trx),
      archived_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertTaskType(trx, row);
    const type = toTaskType(row);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'task_type',
      entityId: row.key,
      before: null,
      after: type,
    });
    return type;
  });
}

/** Renames, reorders or archives a type (built-in ones too); archived types are not offered for new tasks. */
export function updateTaskType(
  deps: WorkDeps,
  actor: Actor,
  key: string,
  raw: UpdateTaskType,
): Promise<TaskType> {
  const input = UpdateTaskType.parse(raw);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findTaskType(trx, key);
    if (!before) throw unknownType(key);
    const now = deps.clock.now().toISOString();
    const patch: Partial<TaskTypeRow> = { updated_at: now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.isActivity !== undefined) patch.is_activity = fromBool(input.isActivity);
    if (input.defaultDurationMinutes !== undefined)
      patch.default_duration_minutes = input.defaultDurationMinutes;
    if (input.position !== undefined) patch.position = input.position;
    if (input.archived !== undefined && input.archived !== (before.archived_at !== null)) {
      patch.archived_at = input.archived ? now : null;
    }
    await updateTaskTypeRow(trx, key, patch);
    const after = { ...before, ...patch };
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'task_type',
      entityId: key,
      before: toTaskType(before),
      after: toTaskType(after),
    });
    return toTaskType(after);
  });
}

/** Removes a type nobody used; built-in and used types are archived instead (409 says so). */
export function deleteTaskType(deps: WorkDeps, actor: Actor, key: string): Promise<void> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await findTaskType(trx, key);
    if (!before) throw unknownType(key);
    if (before.builtin) {
      throw new AppError(
        'conflict',
        'task_type.builtin',
        `"${before.name}" is a built-in type; archive it instead of deleting it`,
      );
    }
    if (await taskTypeInUse(trx, key)) {
      throw new AppError(
        'conflict',
        'task_type.in_use',
        `Tasks of type "${before.name}" exist; archive the type instead of deleting it`,
      );
    }
    await deleteTaskTypeRow(trx, key);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'task_type',
      entityId: key,
      before: toTaskType(before),
      after: null,
    });
  });
}
