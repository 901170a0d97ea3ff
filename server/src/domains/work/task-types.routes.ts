import { z } from 'zod';
import { CreateTaskType, TaskType, TaskTypeList, UpdateTaskType } from '../../../../contracts/work';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { createTaskType, deleteTaskType, listTaskTypes, updateTaskType } from './task-types.service';

const KeyParams = z.object({ key: z.string().min(1).max(40) });

export function taskTypesRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/task-types',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Task types (archived ones too), in display order',
        description:
          'Built in: call, meeting, email (sales activities), todo, collection, purchase_follow_up. Archived types stay on old tasks but are not offered for new ones.',
        response: { 200: TaskTypeList },
      },
    },
    async (request) => {
      requirePermission(request, 'tasks.read', 'see task types');
      return listTaskTypes(ctx);
    },
  );

  app.post(
    '/api/task-types',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Add a task type',
        body: CreateTaskType,
        response: { 201: TaskType },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'taskTypes.manage', 'manage task types');
      return reply.status(201).send(await createTaskType(ctx, actor, request.body));
    },
  );

  app.patch(
    '/api/task-types/:key',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Rename, reorder or archive a task type (built-in ones too)',
        params: KeyParams,
        body: UpdateTaskType,
        response: { 200: TaskType },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'taskTypes.manage', 'manage task types');
      return updateTaskType(ctx, actor, request.params.key, request.body);
    },
  );

  app.delete(
    '/api/task-types/:key',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Delete an unused task type of your own',
        description: 'Built-in types and types that tasks use are archived instead (409).',
        params: KeyParams,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'taskTypes.manage', 'manage task types');
      await deleteTaskType(ctx, actor, request.params.key);
      return reply.status(204).send(null);
    },
  );
}
