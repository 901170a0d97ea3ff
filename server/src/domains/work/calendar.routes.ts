import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Agenda, AgendaQuery, CalendarFeed, CalendarFeedParams } from '../../../../contracts/work';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import { AppError } from '../../platform/http/errors';
import type { App } from '../../platform/http/types';
import { createFeed, getAgenda, getFeedStatus, renderFeed, revokeFeed } from './calendar.service';

/**
 * Where this request reached the API. Fastify reads X-Forwarded-Proto / -Host only when the
 * server trusts the proxy (TRUST_PROXY=1); otherwise the connection's own protocol and Host header.
 */
function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The personal agenda and the secret iCalendar feed of a person's tasks. */
export function calendarRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/calendar/agenda',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Tasks due in a range of days: a person’s own and their teams’ unclaimed ones',
        description:
          '`from`/`to` are business dates (both included, at most 92 days). `items`: open tasks due in the range (with `includeDone=true` also done ones), all-day before timed ones each day; `overdue`: open tasks due before `from` that are overdue now. `assigneeId` (default `me`): managers may look at their team members’ agendas, admins at anyone’s.',
        querystring: AgendaQuery,
        response: { 200: Agenda },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'see tasks');
      return getAgenda(ctx, actor, request.query);
    },
  );

  app.get(
    '/api/me/calendar-feed',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Whether you have a calendar subscription, since when, and when it was last fetched',
        response: { 200: CalendarFeed },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'see tasks');
      return getFeedStatus(ctx, actor);
    },
  );

  app.post(
    '/api/me/calendar-feed',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Create (or regenerate) your calendar subscription URL',
        description:
          'Answers the secret URL once (`url`); only a hash of its token is kept. A URL made before stops working. Subscribe to it in Google Calendar, Outlook or Thunderbird.',
        response: { 201: CalendarFeed },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'tasks.read', 'see tasks');
      return reply.status(201).send(await createFeed(ctx, actor, baseUrlOf(request)));
    },
  );

  app.delete(
    '/api/me/calendar-feed',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Revoke your calendar subscription URL',
        response: { 200: CalendarFeed },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'see tasks');
      return revokeFeed(ctx, actor);
    },
  );

  app.get(
    '/api/calendar/:token.ics',
    {
      // the secret token in the URL is the credential: calendar apps send no session or header
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: 'Your tasks as an iCalendar feed (no login: the secret URL is the key)',
        description:
          'Open tasks due from 30 days back to 180 days ahead and tasks done in the last 30 days, as `text/calendar`. 404 for an unknown or revoked token.',
        params: CalendarFeedParams,
        security: [],
        response: { 200: z.string().describe('text/calendar') },
      },
    },
    async (request, reply) => {
      const ics = await renderFeed(ctx, request.params.token, {
        baseUrl: baseUrlOf(request),
        host: request.hostname,
      });
      if (ics === null) {
        throw new AppError(
          'not_found',
          'calendar.feed_not_found',
          'No calendar subscription has this URL (any more)',
        );
      }
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', 'inline; filename="kontor.ics"')
        .type('text/calendar; charset=utf-8')
        .send(ics);
    },
  );
}
