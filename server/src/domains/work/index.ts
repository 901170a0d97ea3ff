import type { DomainModule } from '../../platform/module';
import { calendarRoutes } from './calendar.routes';
import { dailyDigestJob } from './daily-digest.job';
import { goalsRoutes } from './goals.routes';
import { lastContactRoutes } from './last-contact.routes';
import { notificationsRoutes } from './notifications.routes';
import { subscribeDunnedCollectionTask } from './on-invoice-dunned.handler';
import { subscribeCollectionTask } from './on-invoice-overdue.handler';
import { subscribeCloseCollectionTasks } from './on-invoice-paid.handler';
import { subscribeClosePurchaseFollowUps } from './on-po-closed.handler';
import { subscribePurchaseFollowUpTask } from './on-po-overdue.handler';
import { fireRemindersJob } from './reminders.job';
import { taskOverdueSweepJob } from './task-overdue-sweep.job';
import { taskTypesRoutes } from './task-types.routes';
import { tasksRoutes } from './tasks.routes';
import './work.tables';
import { workSettingsRoutes } from './work-settings.routes';
import { workloadSnapshotJob } from './workload-snapshot.job';
import './automation';

/**
 * Work: activities and tasks for people and teams, reminders and notifications, the personal
 * calendar, goals. Reports over it (workload, goal progress, activity conversion) live in reporting.
 */
export const workModule: DomainModule = {
  name: 'work',
  routes(app, ctx) {
    tasksRoutes(app, ctx);
    taskTypesRoutes(app, ctx);
    notificationsRoutes(app, ctx);
    workSettingsRoutes(app, ctx);
    calendarRoutes(app, ctx);
    goalsRoutes(app, ctx);
    lastContactRoutes(app, ctx);
  },
  subscribers(ctx) {
    subscribeCollectionTask(ctx);
    subscribeCloseCollectionTasks(ctx);
    subscribeDunnedCollectionTask(ctx);
    subscribePurchaseFollowUpTask(ctx);
    subscribeClosePurchaseFollowUps(ctx);
  },
  jobs(ctx) {
    ctx.jobs.register(workloadSnapshotJob());
    ctx.jobs.register(fireRemindersJob());
    ctx.jobs.register(dailyDigestJob());
    ctx.jobs.register(taskOverdueSweepJob());
  },
};

// ─── tasks: for other domains (tasks made by processes, lists of open tasks) ─────────────────────
export { reminderAtFor } from './reminder-time';
export { type TaskNames, toTask } from './tasks.mappers';
export {
  type CreateTaskInput,
  insertNewTask,
  listOpenTasksOf,
  type TaskOriginInput,
  withNames as withTaskNames,
} from './tasks.service';
export { seedWork } from './work.seed';
export { getWorkSettings, saveWorkSettings } from './work-settings.repository';
export { SNAPSHOT_MARKER, takeWorkloadSnapshot } from './workload-snapshot.repository';
