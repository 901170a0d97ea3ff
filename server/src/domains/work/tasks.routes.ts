import { IdParams } from '../../../../contracts/common';
import {
  ClaimTask,
  CompleteTask,
  CompleteTaskResult,
  CreateTask,
  Task,
  TaskList,
  TaskListQuery,
  UpdateTask,
} from '../../../../contracts/work';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { registerTimelineSource } from '../companies';
import { completeTask } from './tasks.complete';
import { createTask, getTask, listTasks } from './tasks.service';
import { taskTimelineSource } from './tasks.timeline';
import { claimTask, updateTask } from './tasks.update';

export function tasksRoutes(app: App, ctx: AppContext) {
  // tasks and activities about a company show on its timeline
  registerTimelineSource(taskTimelineSource);

  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks and activities you may see, filtered and sorted',
        description:
          'Sales people see their own tasks, their teams’ team tasks and what they created; managers also their team members’ tasks; admins all. `assigneeId=me`, `teamId=mine` (your teams’ tasks), `unclaimed=true` (team tasks without assignee), `type=call,meeting`, `overdue=true`, `dueFrom`/`dueTo` (business dates), `q` searches the subject. `sort`: dueDate (undated last), createdAt, updatedAt, completedAt, priority (`-` for descending).',
        querystring: TaskListQuery,
        response: { 200: TaskList },
      },
      // "My open tasks" is a hot path (the dashboard, the tasks page): `toTask` builds each item with
      // exactly the contract's fields, so the page is written as is instead of parsed field by field
      // against `TaskList` (a test checks every page parses to itself). The schema still documents it.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'see tasks');
      return listTasks(ctx, actor, request.query);
    },
  );

  app.post(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a task, or log an activity that happened (`done: true`)',
        description:
          'Without `assigneeId` the task is yours, unless it is for a team (`teamId` only: a member claims it). `dueAt` (an instant) gives the task a time; its business date is derived in the company time zone. `reminder`: `default` (your settings: minutes before a timed task, a time of day for all-day tasks), `none`, or an instant. A task about a deal or contact is also about its company. Raises `task.created` (and `task.completed` for a logged activity).',
        body: CreateTask,
        response: { 201: Task },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'tasks.write', 'create tasks');
      return reply.status(201).send(await createTask(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: { tags: ['tasks'], summary: 'One task', params: IdParams, response: { 200: Task } },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'see tasks');
      return getTask(ctx, actor, request.params.id);
    },
  );

  app.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Change, reassign, cancel or reopen a task',
        description:
          'Send the task’s `version` (409 when someone changed it meanwhile). A new assignee or team raises `task.assigned`. A new due date recomputes a reminder the task had (it fires again). `status: cancelled` cancels, `status: open` reopens a done or cancelled task; completing is `POST /api/tasks/:id/complete`.',
        params: IdParams,
        body: UpdateTask,
        response: { 200: Task },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.write', 'change tasks');
      return updateTask(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Complete a task (raises task.completed); a recurring one gets its next occurrence',
        description:
          'Sets outcome and appends `note` to the notes. For a recurring task the answer holds the next occurrence (`next`), due `recurrenceInterval` days, weeks or months later (monthly: same day of month, clamped to shorter months), none after `recurrenceUntil`.',
        params: IdParams,
        body: CompleteTask,
        response: { 200: CompleteTaskResult },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.write', 'complete tasks');
      return completeTask(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/tasks/:id/claim',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Take an unclaimed team task (members of the team only)',
        description: '403 for non-members, 409 when someone claimed it already. Raises `task.assigned`.',
        params: IdParams,
        body: ClaimTask,
        response: { 200: Task },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.write', 'claim tasks');
      return claimTask(ctx, actor, request.params.id, request.body);
    },
  );
}
