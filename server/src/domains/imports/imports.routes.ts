import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../../contracts/common';
import {
  Import,
  ImportEntityType,
  ImportList,
  ImportListQuery,
  ImportRowIssueList,
  ImportRowsQuery,
  ImportUpload,
  ImportUploadQuery,
  StartImport,
} from '../../../../contracts/imports';
import type { AppContext } from '../../platform/context';
import { actorOf, hasPermission, requirePermission } from '../../platform/http/auth';
import { AppError } from '../../platform/http/errors';
import type { App } from '../../platform/http/types';
import {
  createImport,
  getImport,
  listImportRows,
  listImports,
  READ_PERMISSION,
  rejectedRowsCsv,
  startImport,
  WRITE_PERMISSION,
} from './imports.service';
import { maxUploadBytes, type ReceivedFile, receiveFile } from './upload';

/** Content types a CSV upload may come with (Windows browsers call a .csv file application/vnd.ms-excel). */
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];

function isReceivedFile(body: unknown): body is ReceivedFile {
  return typeof body === 'object' && body !== null && 'path' in body && 'encoding' in body;
}

function entityTypeOf(request: FastifyRequest) {
  const parsed = ImportEntityType.safeParse((request.query as Record<string, unknown>)?.entityType);
  if (!parsed.success) {
    throw new AppError(
      'bad_request',
      'imports.bad_entity_type',
      'Say what the file holds: ?entityType=companies, contacts or deals',
      [{ path: 'entityType', message: 'Use companies, contacts or deals' }],
    );
  }
  return parsed.data;
}

/**
 * An import the caller may read: their own (the service checks), and for an API token one its
 * scopes allow reading (the rows are the file's cells: company data, deals, products).
 */
async function readableImport(ctx: AppContext, request: FastifyRequest, id: string) {
  const found = await getImport(ctx, actorOf(request), id);
  requirePermission(request, READ_PERMISSION[found.entityType], 'read this import');
  return found;
}

export function importsRoutes(app: App, ctx: AppContext) {
  const limit = maxUploadBytes();

  // The upload streams to a file, so it has its own body parser and limit (not JSON's 1 MB).
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(CSV_TYPES, async (request: FastifyRequest, payload: Readable) =>
      receiveFile(payload, {
        dataDir: ctx.config.dataDir,
        limit,
        declaredLength: request.headers['content-length'],
      }),
    );

    scope.post(
      '/api/imports',
      {
        bodyLimit: limit,
        // Before the body is read: who may not import this need not send 200 MB to learn it.
        preParsing: async (request, _reply, payload) => {
          requirePermission(request, WRITE_PERMISSION[entityTypeOf(request)], 'import these records');
          return payload;
        },
        schema: {
          tags: ['imports'],
          summary: 'Upload a CSV file to import',
          description: `Send the file itself as the body with \`Content-Type: text/csv\` (at most ${Math.round(limit / 1024 / 1024)} MB, else 413). UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 (German Excel); \`;\`, \`,\` or tab separated (detected). Answers the columns, the first 10 rows, the row count (files up to 10 MB) and a mapping suggested from the headers (German and English names). Nothing is imported yet: POST /api/imports/:id/start.`,
          querystring: ImportUploadQuery,
          consumes: CSV_TYPES,
          body: z.unknown().describe('The CSV file itself'),
          response: { 201: ImportUpload },
        },
      },
      async (request, reply) => {
        const actor = requirePermission(
          request,
          WRITE_PERMISSION[request.query.entityType],
          'import these records',
        );
        if (!isReceivedFile(request.body)) {
          throw Object.assign(
            new Error('Send the CSV file as the request body with Content-Type: text/csv'),
            {
              statusCode: 415,
              code: 'imports.not_csv_body',
            },
          );
        }
        return reply.status(201).send(await createImport(ctx, actor, request.query, request.body));
      },
    );
  });

  app.get(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Your imports, newest first',
        querystring: ImportListQuery,
        response: { 200: ImportList },
      },
    },
    async (request) => {
      const readable = ImportEntityType.options.filter((t) => hasPermission(request, READ_PERMISSION[t]));
      return listImports(ctx, actorOf(request), request.query, readable);
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'An import: status, progress and counts',
        description:
          'Poll while the status is `validating` or `importing` (about once a second). `progress.percent` covers the whole import: validation is the first half, writing the second.',
        params: IdParams,
        response: { 200: Import },
      },
    },
    async (request) => readableImport(ctx, request, request.params.id),
  );

  app.post(
    '/api/imports/:id/start',
    {
      schema: {
        tags: ['imports'],
        summary: 'Start an uploaded import with a column mapping',
        description:
          '`mapping` maps each column (header as in `headers`) to a field or null; required fields must be mapped (companies: name; contacts: lastName and companyName or companyId; deals: title, expectedCloseDate and companyName or companyId). `duplicateMode`: rows matching an existing record (companies: VAT ID, web domain, name; contacts: e-mail; deals: company and title) are skipped, update the record (filled cells only; lists are added to), or are created anyway. Answers at once; a background job validates every row, then writes all valid rows in one transaction — or, on any error, none. A failed import can be started again.',
        params: IdParams,
        body: StartImport,
        response: { 202: Import },
      },
    },
    async (request, reply) => {
      // An API token starts only imports its scopes allow (the service checks the role).
      const { entityType } = await getImport(ctx, actorOf(request), request.params.id);
      const actor = requirePermission(request, WRITE_PERMISSION[entityType], 'import these records');
      return reply.status(202).send(await startImport(ctx, actor, request.params.id, request.body));
    },
  );

  app.get(
    '/api/imports/:id/rejected',
    {
      schema: {
        tags: ['imports'],
        summary: 'Rows of an import that were rejected (or, with outcome=skipped, skipped), with reasons',
        params: IdParams,
        querystring: ImportRowsQuery,
        response: { 200: ImportRowIssueList },
      },
    },
    async (request) => {
      await readableImport(ctx, request, request.params.id);
      return listImportRows(ctx, actorOf(request), request.params.id, request.query);
    },
  );

  app.get(
    '/api/imports/:id/rejected.csv',
    {
      schema: {
        tags: ['imports'],
        summary: 'The rejected rows as CSV: the original columns and a column with the reasons',
        params: IdParams,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      await readableImport(ctx, request, request.params.id);
      const language = /^de\b/i.test(request.headers['accept-language'] ?? '') ? 'de' : 'en';
      const { filename, stream } = await rejectedRowsCsv(ctx, actorOf(request), request.params.id, language);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .send(stream);
    },
  );
}
