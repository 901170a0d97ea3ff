import { z } from 'zod';
import { Id, Instant, ListQuery, listResponse } from './common';

/*
 * CSV import of companies, contacts and deals: upload the file (POST /api/imports, body = the raw
 * CSV), map its columns to fields, start (a background job validates every row, then writes all
 * valid rows in one transaction), follow the progress, read the rejected rows.
 */

export const IMPORT_ENTITY_TYPES = ['companies', 'contacts', 'deals', 'products'] as const;
export const ImportEntityType = z.enum(IMPORT_ENTITY_TYPES);
export type ImportEntityType = z.infer<typeof ImportEntityType>;

/**
 * uploaded → (start) validating → importing → done; failed from validating or importing (nothing of
 * the file was written then). A failed import can be started again.
 */
export const ImportStatus = z.enum(['uploaded', 'validating', 'importing', 'done', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** What happens to a row that matches an existing record (same VAT ID, web domain, e-mail …). */
export const DuplicateMode = z.enum(['skip', 'update', 'create']);
export type DuplicateMode = z.infer<typeof DuplicateMode>;

/** A field a column can be mapped to. */
export interface ImportFieldSpec {
  name: string;
  /** `true`: must be mapped; `'companyRef'`: companyId or companyName must be mapped. */
  required?: true | 'companyRef';
  /** Several values in a cell (`a, b` or `a | b`); several columns may map to it. */
  list?: true;
}

const COMPANY_REF = 'companyRef' as const;

/** The fields of each entity type, in the order the mapping screen lists them. */
export const IMPORT_FIELDS = {
  companies: [
    { name: 'name', required: true },
    { name: 'legalName' },
    { name: 'roles', list: true },
    { name: 'street' },
    { name: 'postalCode' },
    { name: 'city' },
    { name: 'country' },
    { name: 'industry' },
    { name: 'segment' },
    { name: 'employees' },
    { name: 'revenueBand' },
    { name: 'website' },
    { name: 'vatId' },
    { name: 'iban' },
    { name: 'bic' },
    { name: 'paymentTermsDays' },
    { name: 'tags', list: true },
    { name: 'notes' },
    { name: 'ownerEmail' },
  ],
  contacts: [
    { name: 'companyName', required: COMPANY_REF },
    { name: 'companyId', required: COMPANY_REF },
    { name: 'firstName' },
    { name: 'lastName', required: true },
    { name: 'position' },
    { name: 'emails', list: true },
    { name: 'phones', list: true },
    { name: 'preferredLanguage' },
    { name: 'emailConsent' },
    { name: 'optOut' },
    { name: 'notes' },
    { name: 'ownerEmail' },
  ],
  deals: [
    { name: 'title', required: true },
    { name: 'companyName', required: COMPANY_REF },
    { name: 'companyId', required: COMPANY_REF },
    { name: 'contactEmail' },
    { name: 'amount' },
    { name: 'expectedCloseDate', required: true },
    { name: 'source' },
    { name: 'pipeline' },
    { name: 'stage' },
    { name: 'ownerEmail' },
  ],
  /** Products (catalog): the SKU identifies a product; supplier columns add or change one supplier. */
  products: [
    { name: 'sku', required: true },
    { name: 'name', required: true },
    { name: 'description' },
    { name: 'unit' },
    { name: 'salesPrice' },
    { name: 'purchasePrice' },
    { name: 'vatRate' },
    { name: 'kind' },
    { name: 'active' },
    { name: 'supplierName' },
    { name: 'supplierSku' },
    { name: 'supplierPrice' },
    { name: 'minOrderQty' },
    { name: 'packSize' },
    { name: 'leadTimeDays' },
  ],
} as const satisfies Record<ImportEntityType, readonly ImportFieldSpec[]>;

export type ImportField = (typeof IMPORT_FIELDS)[ImportEntityType][number]['name'];

export const ImportUploadQuery = z.object({
  entityType: ImportEntityType,
  /** The file's name, shown in the list of imports. */
  filename: z.string().trim().max(255).optional(),
});

/** The CSV separator, as detected: `;`, `,` or `tab`. */
export const CsvDelimiterName = z.enum([';', ',', 'tab']);
export const CsvEncodingName = z.enum(['utf-8', 'utf-16le', 'windows-1252']);

/** Column (header text as in `headers`) → field, or null to leave the column out. */
export const ImportMapping = z.record(z.string().max(500), z.string().max(100).nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportUpload = z.object({
  id: Id,
  entityType: ImportEntityType,
  filename: z.string(),
  sizeBytes: z.number().int(),
  encoding: CsvEncodingName,
  delimiter: CsvDelimiterName,
  /** The header row; empty or repeated names are made unique ("Column 3", "E-Mail (2)"). */
  headers: z.array(z.string()),
  /** The first 10 data rows. */
  previewRows: z.array(z.array(z.string())),
  /** Data rows in the file; null when the file is too large to count at upload (known after validation). */
  rowCount: z.number().int().nullable(),
  /** A mapping guessed from the header names (German and English), to start from. */
  suggestedMapping: ImportMapping,
});
export type ImportUpload = z.infer<typeof ImportUpload>;

export const StartImport = z.strictObject({
  mapping: ImportMapping,
  duplicateMode: DuplicateMode.default('skip'),
  /** Deals: the stage of rows without a stage (column); defaults to the first stage of the default pipeline. */
  stageId: Id.optional(),
});
export type StartImport = z.infer<typeof StartImport>;

export const ImportCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows matching an existing record (duplicateMode `skip`, or nothing to change). */
  skipped: z.number().int(),
  rejected: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const Import = z.object({
  id: Id,
  entityType: ImportEntityType,
  filename: z.string(),
  status: ImportStatus,
  sizeBytes: z.number().int(),
  encoding: CsvEncodingName,
  delimiter: CsvDelimiterName,
  headers: z.array(z.string()),
  mapping: ImportMapping.nullable(),
  duplicateMode: DuplicateMode.nullable(),
  /** Data rows; known after upload for small files, after validation for all. */
  rowCount: z.number().int().nullable(),
  progress: z.object({
    /** Rows validated (validating) or written (importing). */
    processed: z.number().int(),
    /** Rows to validate (estimated from the bytes read while unknown) or to write. */
    total: z.number().int().nullable(),
    /** Of the whole import, 0–100: validation is the first half, writing the second. */
    percent: z.number().int(),
  }),
  counts: ImportCounts,
  /** Why the import failed (nothing was written). */
  error: z.string().nullable(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: Instant,
  startedAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  updatedAt: Instant,
});
export type Import = z.infer<typeof Import>;

export const ImportListQuery = ListQuery.extend({ entityType: ImportEntityType.optional() });
export const ImportList = listResponse(Import);

export const RowIssueOutcome = z.enum(['rejected', 'skipped']);

export const ImportRowIssue = z.object({
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  outcome: RowIssueOutcome,
  /** `field`: the import field (or `row`); `column`: the CSV column it came from. */
  reasons: z.array(z.object({ field: z.string(), column: z.string().nullable(), message: z.string() })),
  /** The row's cells as in the file (rejected rows). */
  values: z.array(z.string()).nullable(),
  /** The existing record the row matched (skipped rows). */
  matchedId: Id.nullable(),
});
export type ImportRowIssue = z.infer<typeof ImportRowIssue>;

export const ImportRowsQuery = ListQuery.extend({ outcome: RowIssueOutcome.default('rejected') });
export const ImportRowIssueList = listResponse(ImportRowIssue);
