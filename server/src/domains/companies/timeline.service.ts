import type { ListResponse } from '../../../../contracts/common';
import type { CompanyNote, TimelineEntry } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import type { FieldChange } from '../../platform/audit/audit';
import { recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import type { CompaniesDeps } from './access';
import { contactName, toCompanyNote } from './companies.mappers';
import { insertCompanyNote } from './companies.repository';
import { loadCompany, mergedAway } from './companies.service';
import {
  compareEntries,
  entryId,
  registeredTimelineSources,
  type TimelinePosition,
  type TimelineSource,
} from './timeline.registry';
import {
  companyChangesPage,
  contactsCreatedPage,
  mergedCompaniesPage,
  notesPage,
} from './timeline.repository';

function changeSummary(action: string, changes: FieldChange[], actorName: string | null): string {
  const by = actorName ? ` by ${actorName}` : '';
  if (action === 'create') return `Created${by}`;
  const merged = changes.find((c) => c.field === 'mergedFrom')?.after as { name?: string } | undefined;
  if (merged?.name) return `"${merged.name}" merged into this company${by}`;
  if (changes.some((c) => c.field === 'mergedIntoId' && c.after)) return `Merged into another company${by}`;
  return `Changed ${changes.map((c) => c.field).join(', ')}${by}`;
}

/** The companies domain's own entries: notes, the change history, contacts added, duplicates merged. */
const OWN_SOURCES: TimelineSource[] = [
  {
    name: 'companies.notes',
    kinds: ['note'],
    async load({ db, companyId, before, limit }) {
      return (await notesPage(db, companyId, before, limit)).map((n) => ({
        kind: 'note' as const,
        id: entryId('note', n.id),
        at: n.created_at,
        actorId: n.author_id,
        actorName: n.author_name,
        summary: n.author_name ? `Note by ${n.author_name}` : 'Note',
        note: { id: n.id, body: n.body },
      }));
    },
  },
  {
    name: 'companies.changes',
    kinds: ['change'],
    async load({ db, companyId, before, limit }) {
      return (await companyChangesPage(db, companyId, before, limit)).map((a) => {
        const changes = JSON.parse(a.changes) as FieldChange[];
        return {
          kind: 'change' as const,
          id: entryId('change', a.id),
          at: a.at,
          actorId: a.actor_id,
          actorName: a.actor_name,
          summary: changeSummary(a.action, changes, a.actor_name),
          action: a.action,
          changes,
        };
      });
    },
  },
  {
    name: 'companies.contacts',
    kinds: ['contact'],
    async load({ db, companyId, before, limit }) {
      return (await contactsCreatedPage(db, companyId, before, limit)).map((c) => ({
        kind: 'contact' as const,
        id: entryId('contact', c.id),
        at: c.created_at,
        actorId: null,
        actorName: null,
        summary: `Contact added: ${contactName(c)}`,
        contact: { id: c.id, name: contactName(c) },
      }));
    },
  },
  {
    name: 'companies.merges',
    kinds: ['merge'],
    async load({ db, companyId, before, limit }) {
      return (await mergedCompaniesPage(db, companyId, before, limit)).map((m) => ({
        kind: 'merge' as const,
        id: entryId('merge', m.id),
        at: m.merged_at!,
        actorId: null,
        actorName: null,
        summary: `Duplicate "${m.name}" merged into this company`,
        merged: { id: m.id, name: m.name },
      }));
    },
  },
];

function encodePosition(p: TimelinePosition): string {
  return Buffer.from(JSON.stringify([p.at, p.id])).toString('base64url');
}

function decodePosition(cursor: string): TimelinePosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // the error below
  }
  throw new AppError(
    'bad_request',
    'list.bad_cursor',
    'The cursor is not valid; start again from the first page',
  );
}

/**
 * A company's timeline, newest first: its own entries and those of every registered source, merged
 * into one keyset-paged list. `kinds` limits it to some entry kinds.
 */
export async function getTimeline(
  deps: CompaniesDeps,
  actor: Actor,
  companyId: string,
  query: { limit: number; cursor?: string | undefined; kinds?: string | undefined },
): Promise<ListResponse<TimelineEntry>> {
  await loadCompany(deps.db, companyId, actor);
  const before = query.cursor ? decodePosition(query.cursor) : null;
  const kinds = query.kinds
    ? new Set(
        query.kinds
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
    : null;
  const sources = [...OWN_SOURCES, ...registeredTimelineSources()].filter(
    (s) => !kinds || s.kinds.some((k) => kinds.has(k)),
  );
  const entries: TimelineEntry[] = [];
  for (const source of sources) {
    const got = await source.load({ db: deps.db, actor, companyId, before, limit: query.limit + 1 });
    entries.push(...got.filter((e) => !kinds || kinds.has(e.kind)));
  }
  entries.sort(compareEntries);
  const items = entries.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: entries.length > query.limit && last ? encodePosition({ at: last.at, id: last.id }) : null,
  };
}

/** Adds a note to a company (shown in its timeline; audited as a `company_note`). */
export async function addCompanyNote(
  deps: CompaniesDeps,
  actor: Actor,
  companyId: string,
  body: string,
): Promise<CompanyNote> {
  return deps.db.transaction().execute(async (trx) => {
    const company = await loadCompany(trx, companyId, actor);
    if (company.mergedIntoId) throw mergedAway('company', companyId, company.mergedIntoId);
    const row = {
      id: uuidv7(),
      company_id: companyId,
      body,
      author_id: actor.userId,
      author_name: actor.name,
      created_at: deps.clock.now().toISOString(),
    };
    await insertCompanyNote(trx, row);
    const note = toCompanyNote(row);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'company_note',
      entityId: note.id,
      before: null,
      after: { companyId, body },
    });
    return note;
  });
}
