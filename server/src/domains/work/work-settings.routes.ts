import { z } from 'zod';
import { UpdateWorkSettings, WorkSettings } from '../../../../contracts/work';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { getMyWorkSettings, updateMyWorkSettings } from './notifications.service';

/** The caller's own reminder and notification settings. */
export function workSettingsRoutes(app: App, ctx: AppContext): void {
  const tags = ['notifications'];

  app.get(
    '/api/me/work-settings',
    {
      schema: {
        tags,
        summary: 'My reminder and notification settings',
        description:
          'The defaults (15 minutes before a task with a time, 09:00 on the due day for all-day tasks, e-mail reminders on, no daily digest) until the user saves their own.',
        querystring: z.object({}),
        response: { 200: WorkSettings },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'see reminder settings');
      return getMyWorkSettings(ctx, actor);
    },
  );

  app.patch(
    '/api/me/work-settings',
    {
      schema: {
        tags,
        summary: 'Change my reminder and notification settings',
        description:
          'Fields left out keep their value. The reminder defaults apply to tasks created or rescheduled from now on; reminders already set keep their time.',
        body: UpdateWorkSettings,
        response: { 200: WorkSettings },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'change reminder settings');
      return updateMyWorkSettings(ctx, actor, request.body);
    },
  );
}
