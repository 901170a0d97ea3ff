import type { z } from 'zod';
import type { DuplicateMode, ImportEntityType } from '../../../../contracts/imports';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { DecimalSeparator } from '../../platform/csv/locale-numbers';
import type { Db, Tx } from '../../platform/db/database';
import { findUserSummaryByEmail, listTeamIdsOfUser } from '../identity';
import type { ColumnsByField } from './fields';

/** Why a row was rejected or skipped: the field, the CSV column it came from, and what is wrong. */
export interface Reason {
  field: string;
  column: string | null;
  message: string;
}

/** A data row's cells by field (after the mapping). */
export interface RowCells {
  /** The (first) mapped column's cell, trimmed; '' when empty or the field is not mapped. */
  get(field: string): string;
  /** Every mapped column's cell (list fields may take several columns), non-empty ones. */
  all(field: string): string[];
  has(field: string): boolean;
}

export function rowCells(cells: readonly string[], columns: ColumnsByField): RowCells {
  return {
    get: (field) => (cells[columns.get(field)?.[0]?.index ?? -1] ?? '').trim(),
    all: (field) =>
      (columns.get(field) ?? []).map((c) => (cells[c.index] ?? '').trim()).filter((v) => v !== ''),
    has: (field) => columns.has(field),
  };
}

/** Options given when the import is started. */
export interface ImportOptions {
  /** Deals: the stage of rows that name none. */
  stageId?: string | undefined;
}

/** What an entity's importer works with during one run. */
export interface RunContext {
  importId: string;
  db: Db;
  clock: Clock;
  /** The person who started the import, acting with origin `import:<id>`. */
  actor: Actor;
  mode: DuplicateMode;
  options: ImportOptions;
  /** Compare names for similarity too (small files); large files compare exact keys only. */
  fuzzyNames: boolean;
  decimal: DecimalSeparator;
  columns: ColumnsByField;
}

/** What becomes of a valid row: created, update an existing record, skipped (a duplicate), rejected. */
export type Decision<P> =
  | { kind: 'create'; item: P }
  | { kind: 'update'; targetId: string; item: P }
  | { kind: 'skip'; reason: Reason; matchedId: string | null }
  | { kind: 'reject'; reasons: Reason[] };

/** A row of the write plan: validated and decided in the first pass, written in the second. */
export interface PlanEntry<P> {
  row: number;
  kind: 'create' | 'update';
  targetId?: string;
  item: P;
}

export interface WriteResult {
  created: number;
  updated: number;
  /** Updates that turned out to change nothing, or whose record changed or vanished meanwhile. */
  skipped: Array<{ row: number; reason: Reason; matchedId: string | null }>;
}

/**
 * One entity type's import: `parse` checks a row on its own (the API's zod schema), `resolve`
 * looks a batch of valid rows up in the database (links, owners, duplicates — reads only) and
 * decides each, `write` writes a batch of the plan in the import's one transaction.
 */
export interface EntityImporter<P> {
  parse(cells: RowCells): { item?: P; reasons: Reason[] };
  resolve(batch: ReadonlyArray<{ row: number; item: P }>): Promise<Array<Decision<P>>>;
  write(trx: Tx, at: string, batch: ReadonlyArray<PlanEntry<P>>): Promise<WriteResult>;
}

export type ImporterFactory = (ctx: RunContext) => EntityImporter<unknown>;
export type ImporterFactories = Record<ImportEntityType, ImporterFactory>;

/** Field names of the contracts whose errors belong to another import field. */
export function reasonsFromZod(
  error: z.ZodError,
  ctx: Pick<RunContext, 'columns'>,
  rename: Record<string, string> = {},
  skip: ReadonlySet<string> = new Set(),
): Reason[] {
  const out: Reason[] = [];
  for (const issue of error.issues) {
    const top = String(issue.path[0] ?? 'row');
    if (skip.has(top)) continue;
    const field = rename[top] ?? top;
    out.push({ field, column: columnOf(ctx, field), message: issue.message });
  }
  return out;
}

export function columnOf(ctx: Pick<RunContext, 'columns'>, field: string): string | null {
  return ctx.columns.get(field)?.[0]?.header ?? null;
}

export function reason(ctx: Pick<RunContext, 'columns'>, field: string, message: string): Reason {
  return { field, column: columnOf(ctx, field), message };
}

/**
 * Owners named by e-mail (and their default team: their only one), looked up once per address
 * for the whole run.
 */
export function ownerLookup(db: Db) {
  const byEmail = new Map<string, Promise<{ id: string; name: string; active: boolean } | null>>();
  const teams = new Map<string, Promise<string | null>>();
  return {
    async byEmail(email: string) {
      const key = email.trim().toLowerCase();
      let p = byEmail.get(key);
      if (!p) {
        p = findUserSummaryByEmail(db, key).then((u) =>
          u ? { id: u.id, name: u.name, active: u.active } : null,
        );
        byEmail.set(key, p);
      }
      return p;
    },
    /** The owner's team when they are in exactly one (what new records get by default). */
    defaultTeam(ownerId: string | null): Promise<string | null> {
      if (!ownerId) return Promise.resolve(null);
      let p = teams.get(ownerId);
      if (!p) {
        p = listTeamIdsOfUser(db, ownerId).then((ids) => (ids.length === 1 ? ids[0]! : null));
        teams.set(ownerId, p);
      }
      return p;
    },
  };
}

/**
 * Resolves the owner column of a row: the user with that e-mail address (active), else the actor.
 * Returns a reason when the address names nobody usable.
 */
export async function resolveOwner(
  ctx: RunContext,
  owners: ReturnType<typeof ownerLookup>,
  email: string | undefined,
): Promise<{ ownerId: string | null } | { reason: Reason }> {
  if (!email) return { ownerId: ctx.actor.userId };
  const user = await owners.byEmail(email);
  if (!user)
    return { reason: reason(ctx, 'ownerEmail', `There is no user with the e-mail address ${email}`) };
  if (!user.active) return { reason: reason(ctx, 'ownerEmail', `${user.name} is deactivated`) };
  return { ownerId: user.id };
}
