import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BankEntry,
  BankEntryList,
  BankEntryListQuery,
  BankStatementImportQuery,
  BankStatementList,
  BankStatementListQuery,
  BankStatementWithEntries,
  CsvPreview,
  ImportResult,
  MatchBankEntry,
} from '../../../../contracts/bank-statements';
import { IdParams, Problem } from '../../../../contracts/common';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import { AppError } from '../../platform/http/errors';
import type { App } from '../../platform/http/types';
import { importBankStatement, previewBankCsv } from './bank-statements.import';
import {
  getBankStatement,
  ignoreBankEntry,
  listBankEntries,
  listBankStatements,
  matchBankEntry,
} from './bank-statements.service';

/** Content types a statement file may come with (the format is read from the content). */
const FILE_TYPES = [
  'application/xml',
  'text/xml',
  'application/octet-stream',
  'text/csv',
  'text/plain',
  'application/vnd.ms-excel',
];
/** Statement files of a busy account for a month stay well below this. */
const STATEMENT_LIMIT_BYTES = 20 * 1024 * 1024;

export function bankStatementsRoutes(app: App, ctx: AppContext) {
  // The upload is the file itself, so it has its own body parser and limit (not JSON's).
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(
      FILE_TYPES,
      { parseAs: 'buffer', bodyLimit: STATEMENT_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/bank-statements',
      {
        bodyLimit: STATEMENT_LIMIT_BYTES,
        preParsing: async (request, _reply, payload) => {
          requirePermission(request, 'payments.write', 'import bank statements');
          return payload;
        },
        schema: {
          tags: ['bank statements'],
          summary: 'Import a bank statement (CAMT.053, MT940 or CSV) and match its payments',
          description:
            "Send the file itself as the body (`Content-Type: application/xml`, `text/xml`, `text/csv`, `text/plain` or `application/octet-stream`, at most 20 MB); the format is read from the content. ISO 20022 CAMT.053 versions .001.02, .001.04 and .001.08; SWIFT MT940 (one or more statements per file, UTF-8 or latin1, German `:86:` details with SEPA keys); CSV exports of online banking with a column mapping — `?mapping=<JSON CsvMapping>` (see `POST /api/bank-statements/csv-preview` for a proposal) and `&remember=true` to keep it for the bank's layout; without `mapping` the one remembered for the layout and the account is used when the file names its account; otherwise (or with none remembered) the answer is 422 with code `bank_statements.csv_mapping_required` and the preview offers the remembered mapping for a confirmation. EUR only. In one transaction: the statements, their entries, and payments for the credit entries that match an open invoice clearly (invoice number in the remittance and an amount up to the open amount, or several numbers whose open amounts add up); everything else lands in the review queue (`GET /api/bank-entries?status=review`). The same statement again: 200 with `created: false` and nothing new (MT940: same account, `:20:`, `:28C:`, dates and balances; CSV: the same file; CSV entries that an earlier export of the account brought in are skipped and counted in `skipped`). Anything that is not a bank statement, or a CSV row that cannot be read: 422 naming the problem (line and column), nothing written.",
          consumes: FILE_TYPES,
          querystring: BankStatementImportQuery,
          body: z.unknown().describe('The statement file itself'),
          response: { 200: ImportResult, 201: ImportResult, 422: Problem },
        },
      },
      async (request, reply) => {
        const actor = requirePermission(request, 'payments.write', 'import bank statements');
        const body = request.body;
        if (!Buffer.isBuffer(body) && typeof body !== 'string') {
          throw new AppError(
            'unprocessable',
            'bank_statements.invalid_file',
            'Send the statement file as the request body (Content-Type: application/xml, text/csv or application/octet-stream)',
          );
        }
        const result = await importBankStatement(
          ctx,
          actor,
          typeof body === 'string' ? Buffer.from(body) : body,
          {
            mapping: request.query.mapping,
            remember: request.query.remember === 'true',
          },
        );
        return reply.status(result.created ? 201 : 200).send(result);
      },
    );
    scope.post(
      '/api/bank-statements/csv-preview',
      {
        bodyLimit: STATEMENT_LIMIT_BYTES,
        preParsing: async (request, _reply, payload) => {
          requirePermission(request, 'payments.write', 'import bank statements');
          return payload;
        },
        schema: {
          tags: ['bank statements'],
          summary: 'How a CSV export is read: columns, proposed or remembered mapping, first rows',
          description:
            "Send the CSV file itself as the body. Answers the detected encoding, delimiter, header line and columns, the account IBAN when the file names it, the mapping (the one in `?mapping=`, else the one remembered for this bank's layout, else a proposal from the column names) and the first rows read with it, plus every row that cannot be read (line, column, problem). Writes nothing.",
          consumes: FILE_TYPES,
          querystring: BankStatementImportQuery,
          body: z.unknown().describe('The CSV file itself'),
          response: { 200: CsvPreview, 422: Problem },
        },
      },
      async (request) => {
        requirePermission(request, 'payments.write', 'import bank statements');
        const body = request.body;
        if (!Buffer.isBuffer(body) && typeof body !== 'string') {
          throw new AppError(
            'unprocessable',
            'bank_statements.invalid_file',
            'Send the CSV file as the request body with Content-Type: text/csv',
          );
        }
        return previewBankCsv(
          ctx,
          typeof body === 'string' ? Buffer.from(body) : body,
          request.query.mapping,
        );
      },
    );
  });

  app.get(
    '/api/bank-statements',
    {
      schema: {
        tags: ['bank statements'],
        summary: 'Imported bank statements, newest first',
        querystring: BankStatementListQuery,
        response: { 200: BankStatementList },
      },
    },
    async (request) => {
      // A bank account shows every customer's payments, whoever owns the invoice: bookkeeping only.
      requirePermission(request, 'payments.write', 'see bank statements');
      return listBankStatements(ctx, request.query);
    },
  );

  app.get(
    '/api/bank-statements/:id',
    {
      schema: {
        tags: ['bank statements'],
        summary: 'One bank statement with its entries',
        params: IdParams,
        response: { 200: BankStatementWithEntries },
      },
    },
    async (request) => {
      requirePermission(request, 'payments.write', 'see bank statements');
      return getBankStatement(ctx, request.params.id);
    },
  );

  app.get(
    '/api/bank-entries',
    {
      schema: {
        tags: ['bank statements'],
        summary: 'Bank statement entries; `?status=review` is the review queue',
        description: 'Entries in review carry suggestions (invoice, open amount, confidence, reason).',
        querystring: BankEntryListQuery,
        response: { 200: BankEntryList },
      },
    },
    async (request) => {
      requirePermission(request, 'payments.write', 'see bank entries');
      return listBankEntries(ctx, request.query);
    },
  );

  app.post(
    '/api/bank-entries/:id/match',
    {
      schema: {
        tags: ['bank statements'],
        summary: 'Match an entry to invoices by hand',
        description:
          'The allocations may add up to at most the entry’s amount and each at most the invoice’s open amount (422 naming which). Makes one payment for the entry (an entry never becomes two payments: matching a matched entry again returns it unchanged); `invoice.paid` when an invoice’s open amount reaches 0.',
        params: IdParams,
        body: MatchBankEntry,
        response: { 200: BankEntry, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'payments.write', 'match bank entries');
      return matchBankEntry(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/bank-entries/:id/ignore',
    {
      schema: {
        tags: ['bank statements'],
        summary: 'Take an entry out of the review queue without a payment',
        params: IdParams,
        response: { 200: BankEntry, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'payments.write', 'ignore bank entries');
      return ignoreBankEntry(ctx, actor, request.params.id);
    },
  );
}
