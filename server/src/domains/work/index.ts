import type { DomainModule } from '../../platform/module';
import { calendarRoutes } from './calendar.routes';
import { goalsRoutes } from './goals.routes';
import { notificationsRoutes } from './notifications.routes';
import { tasksRoutes } from './tasks.routes';
import './work.tables';

/**
 * Work: activities and tasks for people and teams, reminders and notifications, the personal
 * calendar, goals. Reports over it (workload, goal progress, activity conversion) live in reporting.
 */
export const workModule: DomainModule = {
  name: 'work',
  routes(app, ctx) {
    tasksRoutes(app, ctx);
    notificationsRoutes(app, ctx);
    calendarRoutes(app, ctx);
    goalsRoutes(app, ctx);
  },
  subscribers(_ctx) {},
  jobs(_ctx) {},
};
