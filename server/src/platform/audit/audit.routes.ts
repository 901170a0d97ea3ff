import { AuditList, AuditQuery } from '../../../../contracts/audit';
import type { AppContext } from '../context';
import { requirePermission } from '../http/auth';
import type { App } from '../http/types';
import { listAuditEntries } from './audit.queries';

export function auditRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit trail: who changed what, field by field',
        description:
          'With entityType and entityId: the history of one record. Without: the company-wide feed, limited to the changes made by people in your visibility scope.',
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'audit.read', 'read the audit trail');
      return listAuditEntries(ctx.db, actor, request.query);
    },
  );
}
