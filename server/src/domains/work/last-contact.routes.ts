import { LastContactList, LastContactQuery } from '../../../../contracts/goals';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { lastContacts, parseCompanyIds } from './last-contact.query';

/** When the team last talked to each of a few companies (the collections page's "last contact"). */
export function lastContactRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/activities/last-contact',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The latest completed activity per company (call, meeting, e-mail, …)',
        description:
          '`companyIds=a,b,c` (at most 200). For each company with one, the activity (a done task of an activity type; not to-dos or collection tasks) completed last, among the tasks you may see — the same visibility as `GET /api/tasks`. Companies without one are left out.',
        querystring: LastContactQuery,
        response: { 200: LastContactList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'see activities');
      const ids = parseCompanyIds(request.query.companyIds);
      return { items: await lastContacts(ctx.db, actor, ids) };
    },
  );
}
