import { z } from 'zod';
import { IdParams, Problem } from '../../../../contracts/common';
import {
  CreateSegment,
  DeleteSegmentQuery,
  Segment,
  SegmentImportProblem,
  SegmentImportReport,
  SegmentImportRequest,
  SegmentList,
  SegmentListQuery,
  UpdateSegment,
} from '../../../../contracts/segments';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import { problem, sendProblem } from '../../platform/http/problem';
import type { App } from '../../platform/http/types';
import { importSegments, SegmentImportRejected } from './import-segments';
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from './segments.service';

/** Market segments: list, create, CSV import (all rows or none), change, delete while unused. */
export function segmentsRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/segments',
    {
      schema: {
        tags: ['segments'],
        summary: 'Market segments with their market figures',
        querystring: SegmentListQuery,
        response: { 200: SegmentList },
      },
    },
    async (request) => {
      requirePermission(request, 'segments.read', 'see segments');
      return listSegments(ctx, request.query);
    },
  );

  app.post(
    '/api/segments',
    {
      schema: {
        tags: ['segments'],
        summary: 'Create a segment',
        body: CreateSegment,
        response: { 201: Segment },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'segments.manage', 'manage segments');
      return reply.status(201).send(await createSegment(ctx, actor, request.body));
    },
  );

  app.post(
    '/api/segments/import',
    {
      schema: {
        tags: ['segments'],
        summary: 'Import segments from CSV (all rows or none)',
        description:
          'Send the CSV text in `csv` with a header row, `;` or `,` separated. Columns are recognised by name (Name/Segment, Branche/Industry, Region, Größenklasse/Size class, Unternehmen/Companies, Potenzial/Potential revenue in EUR, Notizen/Notes) or named in `mapping`. Numbers may be written `1.234.567,89`. Segments are matched by name: new ones are created, existing ones updated (empty cells change nothing). If any row is rejected nothing is written: 422 `segments.import_rejected` with the report. `dryRun: true` only reports.',
        body: SegmentImportRequest,
        response: { 200: SegmentImportReport, 422: SegmentImportProblem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'segments.manage', 'import segments');
      try {
        return await importSegments(ctx, actor, request.body);
      } catch (err) {
        if (!(err instanceof SegmentImportRejected)) throw err;
        return sendProblem(reply, {
          ...problem(422, err.message, { code: err.code, errors: err.errors ?? [] }),
          report: err.report,
        } as z.infer<typeof SegmentImportProblem>);
      }
    },
  );

  app.get(
    '/api/segments/:id',
    { schema: { tags: ['segments'], summary: 'One segment', params: IdParams, response: { 200: Segment } } },
    async (request) => {
      requirePermission(request, 'segments.read', 'see segments');
      return getSegment(ctx, request.params.id);
    },
  );

  app.patch(
    '/api/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'Change a segment',
        params: IdParams,
        body: UpdateSegment,
        response: { 200: Segment },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'segments.manage', 'manage segments');
      return updateSegment(ctx, actor, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'Delete a segment no company uses',
        description:
          'Send the segment’s `version` as query parameter. 409 `segments.in_use` while companies use it.',
        params: IdParams,
        querystring: DeleteSegmentQuery,
        response: { 204: z.null().describe('Deleted'), 409: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'segments.manage', 'manage segments');
      await deleteSegment(ctx, actor, request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
