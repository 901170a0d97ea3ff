import { type Contact, CreateContact, type UpdateContact } from '../../../../contracts/companies';
import { AppError } from '../../platform/http/errors';
import {
  applyContactUpdate,
  type ContactCompany,
  findCompaniesForImport,
  findContactsByImportEmails,
  insertImportedContacts,
  loadContact,
  newContactRow,
} from '../companies';
import { languageOf, parseBool, splitList } from './cells';
import { companyLinker } from './company-links';
import {
  type Decision,
  type EntityImporter,
  ownerLookup,
  type PlanEntry,
  type Reason,
  type RowCells,
  type RunContext,
  reason,
  reasonsFromZod,
  resolveOwner,
  type WriteResult,
} from './importer';
import { sameValue, unionList } from './merge-values';

/** Stands in for the company while the row is checked by the schema; the real id comes from the lookup. */
const NO_COMPANY_YET = '00000000-0000-7000-8000-000000000000';

export interface ContactItem {
  input: CreateContact;
  present: string[];
  companyId?: string;
  companyName?: string;
  ownerEmail?: string;
  company?: ContactCompany;
}

export function contactsImporter(ctx: RunContext): EntityImporter<ContactItem> {
  const owners = ownerLookup(ctx.db);
  const companies = companyLinker(ctx);
  /** E-mail addresses of the rows so far → their row: the same person twice in the file. */
  const inFile = new Map<string, number>();
  const updatedBy = new Map<string, number>();

  function parse(cells: RowCells): { item?: ContactItem; reasons: Reason[] } {
    const raw: Record<string, unknown> = {};
    const reasons: Reason[] = [];
    const present: string[] = [];
    for (const f of ['firstName', 'lastName', 'position', 'notes'] as const) {
      const v = cells.get(f);
      if (v) {
        raw[f] = v;
        present.push(f);
      }
    }
    raw.lastName ??= ''; // the schema's own message for a missing name
    const companyId = cells.get('companyId');
    const companyName = cells.get('companyName');
    raw.companyId = companyId || NO_COMPANY_YET;
    if (!companyId && !companyName) {
      reasons.push(
        reason(
          ctx,
          cells.has('companyName') ? 'companyName' : 'companyId',
          'Name the company of the contact',
        ),
      );
    }
    const emails = cells.all('emails').flatMap((c) => splitList(c, ';\\s'));
    if (emails.length) {
      raw.emails = emails.map((address) => ({ address }));
      present.push('emails');
    }
    const phones = cells.all('phones').flatMap((c) => splitList(c, ';'));
    if (phones.length) {
      raw.phones = phones.map((number) => ({ number }));
      present.push('phones');
    }
    const language = cells.get('preferredLanguage');
    if (language) {
      raw.preferredLanguage = languageOf(language);
      present.push('preferredLanguage');
    }
    for (const f of ['emailConsent', 'optOut'] as const) {
      const v = cells.get(f);
      if (!v) continue;
      const b = parseBool(v);
      if ('error' in b) reasons.push(reason(ctx, f, b.error));
      else {
        raw[f] = b.value;
        present.push(f);
      }
    }
    if (raw.emailConsent === true && raw.optOut === true) {
      reasons.push(reason(ctx, 'optOut', 'A contact cannot consent to e-mail and opt out at the same time'));
    }
    const checked = CreateContact.safeParse(raw);
    if (!checked.success) {
      reasons.push(...reasonsFromZod(checked.error, ctx, {}, companyId ? new Set() : new Set(['companyId'])));
    }
    if (reasons.length || !checked.success) return { reasons };
    const item: ContactItem = { input: checked.data, present };
    if (companyId) item.companyId = companyId;
    else item.companyName = companyName;
    const owner = cells.get('ownerEmail');
    if (owner) {
      item.ownerEmail = owner;
      present.push('ownerId');
    }
    return { item, reasons };
  }

  async function resolve(batch: ReadonlyArray<{ row: number; item: ContactItem }>) {
    await companies.load(batch.map((b) => b.item));
    const decisions: Array<Decision<ContactItem> | null> = [];
    const open: Array<{ index: number; row: number; item: ContactItem }> = [];
    for (const [index, { row, item }] of batch.entries()) {
      const reasons: Reason[] = [];
      const link = companies.find(item);
      if ('reason' in link) reasons.push(link.reason);
      else {
        item.company = link.company;
        item.input.companyId = link.company.id;
      }
      const owner = await resolveOwner(ctx, owners, item.ownerEmail);
      if ('reason' in owner) reasons.push(owner.reason);
      else item.input.ownerId = owner.ownerId;
      if (ctx.mode !== 'create' && !reasons.length) {
        const twice = item.input.emails.find((e) => inFile.has(e.address));
        if (twice) {
          reasons.push(
            reason(
              ctx,
              'emails',
              `Row ${inFile.get(twice.address)} has the same e-mail address ${twice.address}`,
            ),
          );
        } else for (const e of item.input.emails) inFile.set(e.address, row);
      }
      decisions.push(reasons.length ? { kind: 'reject', reasons } : null);
      if (!reasons.length) open.push({ index, row, item });
    }
    const addresses = [...new Set(open.flatMap((o) => o.item.input.emails.map((e) => e.address)))];
    const existing =
      ctx.mode === 'create' || !addresses.length ? [] : await findContactsByImportEmails(ctx.db, addresses);
    const visibleCompanies = new Set(
      (
        await findCompaniesForImport(ctx.db, ctx.actor, {
          ids: [...new Set(existing.map((c) => c.company_id))],
        })
      )
        .filter((c) => c.visible)
        .map((c) => c.id),
    );
    for (const o of open) {
      const match = existing.find((c) => o.item.input.emails.some((e) => e.address === c.address));
      if (!match) {
        decisions[o.index] = { kind: 'create', item: o.item };
        continue;
      }
      const name = match.first_name ? `${match.first_name} ${match.last_name}` : match.last_name;
      const why = `${name} already has the e-mail address ${match.address}`;
      if (ctx.mode === 'skip') {
        decisions[o.index] = { kind: 'skip', reason: reason(ctx, 'emails', why), matchedId: match.id };
      } else if (!visibleCompanies.has(match.company_id)) {
        decisions[o.index] = {
          kind: 'skip',
          reason: reason(ctx, 'emails', `${why}, but you cannot see the contact; ask its owner`),
          matchedId: match.id,
        };
      } else if (updatedBy.has(match.id)) {
        decisions[o.index] = {
          kind: 'skip',
          reason: reason(ctx, 'emails', `${why} and was updated from row ${updatedBy.get(match.id)} already`),
          matchedId: match.id,
        };
      } else {
        updatedBy.set(match.id, o.row);
        decisions[o.index] = { kind: 'update', targetId: match.id, item: o.item };
      }
    }
    return decisions as Array<Decision<ContactItem>>;
  }

  /** The fields the row filled (e-mails and phones added to the existing ones); the company stays. */
  function updateOf(current: Contact, item: ContactItem): UpdateContact | null {
    const input = item.input as Record<string, unknown>;
    const patch: Record<string, unknown> = {};
    for (const field of item.present) {
      let value = input[field];
      if (field === 'emails') {
        value = unionList(
          current.emails,
          (value as Contact['emails']).map((e) => ({ address: e.address, label: e.label ?? null })),
          (e) => e.address,
        );
      }
      if (field === 'phones') {
        value = unionList(
          current.phones,
          (value as Contact['phones']).map((p) => ({ number: p.number, label: p.label ?? null })),
          (p) => p.number,
        );
      }
      if (!sameValue(current[field as keyof Contact], value)) patch[field] = value;
    }
    if (Object.keys(patch).length === 0) return null;
    return { version: current.version, ...patch } as UpdateContact;
  }

  async function write(
    trx: Parameters<EntityImporter<ContactItem>['write']>[0],
    at: string,
    batch: ReadonlyArray<PlanEntry<ContactItem>>,
  ) {
    const result: WriteResult = { created: 0, updated: 0, skipped: [] };
    const creates = batch
      .filter((e) => e.kind === 'create' && e.item.company)
      .map((e) => ({
        row: newContactRow(e.item.input, { now: at, ownerId: e.item.input.ownerId ?? null }),
        company: e.item.company!,
      }));
    await insertImportedContacts(trx, at, ctx.actor, creates);
    result.created = creates.length;
    for (const e of batch) {
      if (e.kind !== 'update' || !e.targetId) continue;
      try {
        const current = await loadContact(trx, e.targetId, ctx.actor);
        const update = current.mergedIntoId ? null : updateOf(current, e.item);
        if (!update) {
          result.skipped.push({
            row: e.row,
            reason: reason(ctx, 'row', `${current.name} already has these values`),
            matchedId: current.id,
          });
          continue;
        }
        await applyContactUpdate(trx, { clock: ctx.clock }, ctx.actor, e.targetId, update);
        result.updated++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        result.skipped.push({ row: e.row, reason: reason(ctx, 'row', err.message), matchedId: e.targetId });
      }
    }
    return result;
  }

  return { parse, resolve, write };
}
