import {
  type Company,
  CreateCompany,
  normalizeWebsite,
  type UpdateCompany,
} from '../../../../contracts/companies';
import { parseWholeNumber } from '../../platform/csv/locale-numbers';
import { AppError } from '../../platform/http/errors';
import {
  applyCompanyUpdate,
  bankDetailsErrors,
  type CompanyRow,
  companyNameKey,
  FREEMAIL_DOMAINS,
  findCompaniesByImportKeys,
  findCompaniesForImport,
  findCompanyDuplicates,
  findSegmentIdsByNames,
  insertImportedCompanies,
  loadCompany,
  newCompanyRow,
  segmentNameKey,
} from '../companies';
import { countryOf, roleOf, splitList } from './cells';
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

/** A valid company row: the API's create input, the fields the row filled, and what it names by name. */
export interface CompanyItem {
  input: CreateCompany;
  present: string[];
  segmentName?: string;
  ownerEmail?: string;
  teamId?: string | null;
}

const TEXT_FIELDS = [
  'name',
  'legalName',
  'street',
  'postalCode',
  'city',
  'industry',
  'revenueBand',
  'website',
  'vatId',
  'iban',
  'bic',
  'notes',
] as const;

const webDomainOf = (website: string | null | undefined) =>
  website ? (normalizeWebsite(website)?.domain ?? null) : null;

/** Company duplicates, strongest first: the reason shown for a skipped row. */
const MATCH_TEXT = {
  vat_id: { field: 'vatId', text: 'the same VAT ID' },
  web_domain: { field: 'website', text: 'the same website domain' },
  email_domain: { field: 'website', text: 'contacts with e-mail addresses at this domain' },
  similar_name: { field: 'name', text: 'a similar name' },
  email: { field: 'name', text: 'the same e-mail address' },
} as const;

type MatchReason = keyof typeof MATCH_TEXT;

export function companiesImporter(ctx: RunContext): EntityImporter<CompanyItem> {
  const owners = ownerLookup(ctx.db);
  const segments = new Map<string, string | null>();
  /** Strong keys (VAT ID, web domain) of the rows so far → their row number: the same company twice. */
  const inFile = new Map<string, number>();
  /** Existing companies updated by a row already (one row updates a record once). */
  const updatedBy = new Map<string, number>();

  function parse(cells: RowCells): { item?: CompanyItem; reasons: Reason[] } {
    const raw: Record<string, unknown> = {};
    const reasons: Reason[] = [];
    const present: string[] = [];
    for (const f of TEXT_FIELDS) {
      const v = cells.get(f);
      if (v) {
        raw[f] = v;
        present.push(f);
      }
    }
    raw.name ??= ''; // the schema's own message for a missing name
    const roles = cells.all('roles').flatMap((c) => splitList(c).map(roleOf));
    raw.roles = roles.length ? roles : ['prospect'];
    if (roles.length) present.push('roles');
    const tags = cells.all('tags').flatMap((c) => splitList(c));
    if (tags.length) {
      raw.tags = tags;
      present.push('tags');
    }
    const country = cells.get('country');
    if (country) {
      raw.country = countryOf(country);
      present.push('country');
    }
    for (const f of ['employees', 'paymentTermsDays'] as const) {
      const v = cells.get(f);
      if (!v) continue;
      const n = parseWholeNumber(v, ctx.decimal);
      if ('error' in n) reasons.push(reason(ctx, f, n.error));
      else {
        raw[f] = n.value;
        present.push(f);
      }
    }
    const checked = CreateCompany.safeParse(raw);
    if (!checked.success) reasons.push(...reasonsFromZod(checked.error, ctx));
    else {
      for (const e of bankDetailsErrors(checked.data.iban, checked.data.bic)) {
        reasons.push(reason(ctx, e.path, e.message));
      }
    }
    if (reasons.length || !checked.success) return { reasons };
    const item: CompanyItem = { input: checked.data, present };
    const segment = cells.get('segment');
    if (segment) {
      item.segmentName = segment;
      present.push('segmentId');
    }
    const owner = cells.get('ownerEmail');
    if (owner) {
      item.ownerEmail = owner;
      present.push('ownerId');
    }
    return { item, reasons };
  }

  /** Owner and segment named in the row, looked up (per run, once per name). */
  async function resolveLinks(item: CompanyItem): Promise<Reason[]> {
    const reasons: Reason[] = [];
    const owner = await resolveOwner(ctx, owners, item.ownerEmail);
    if ('reason' in owner) reasons.push(owner.reason);
    else {
      item.input.ownerId = owner.ownerId;
      item.teamId = await owners.defaultTeam(owner.ownerId);
    }
    if (item.segmentName) {
      const id = segments.get(segmentNameKey(item.segmentName));
      if (!id) reasons.push(reason(ctx, 'segment', `There is no segment "${item.segmentName}"`));
      else item.input.segmentId = id;
    }
    return reasons;
  }

  function fileKeys(item: CompanyItem): Array<{ key: string; field: string; text: string }> {
    const keys = [];
    if (item.input.vatId) keys.push({ key: `vat:${item.input.vatId}`, field: 'vatId', text: 'VAT ID' });
    const domain = webDomainOf(item.input.website);
    if (domain && !FREEMAIL_DOMAINS.has(domain)) {
      keys.push({ key: `web:${domain}`, field: 'website', text: 'website domain' });
    }
    return keys;
  }

  /** Existing companies matching each item (strongest reason first), exact keys in one lookup per batch. */
  async function exactMatches(items: CompanyItem[]) {
    const vatIds = new Set<string>();
    const webDomains = new Set<string>();
    const nameKeys = new Set<string>();
    const keysOf = items.map((item) => {
      const vat = item.input.vatId ?? null;
      const web = webDomainOf(item.input.website);
      const names = [item.input.name, item.input.legalName]
        .filter((n): n is string => !!n)
        .map(companyNameKey)
        .filter(Boolean);
      if (vat) vatIds.add(vat);
      if (web && !FREEMAIL_DOMAINS.has(web)) webDomains.add(web);
      for (const n of names) nameKeys.add(n);
      return { vat, web, names };
    });
    const rows = await findCompaniesByImportKeys(ctx.db, {
      vatIds: [...vatIds],
      webDomains: [...webDomains],
      nameKeys: [...nameKeys],
    });
    const visible = new Set(
      (await findCompaniesForImport(ctx.db, ctx.actor, { ids: rows.map((r) => r.id) }))
        .filter((r) => r.visible)
        .map((r) => r.id),
    );
    return keysOf.map((k) => {
      const match = (reasonKey: MatchReason, test: (r: CompanyRow) => boolean) => {
        const r = rows.find(test);
        return r ? { id: r.id, name: r.name, reason: reasonKey, visible: visible.has(r.id) } : null;
      };
      return (
        (k.vat && match('vat_id', (r) => r.vat_id === k.vat)) ||
        (k.web && match('web_domain', (r) => r.web_domain === k.web)) ||
        (k.names.length &&
          match(
            'similar_name',
            (r) => k.names.includes(r.name_key) || (!!r.legal_name_key && k.names.includes(r.legal_name_key)),
          )) ||
        null
      );
    });
  }

  /** Small files: the companies domain's full duplicate check per row (similar names too). */
  async function fuzzyMatches(items: CompanyItem[]) {
    const out = [];
    for (const item of items) {
      const [best] = await findCompanyDuplicates(ctx.db, ctx.actor, {
        name: item.input.name,
        legalName: item.input.legalName,
        vatId: item.input.vatId,
        webDomain: webDomainOf(item.input.website),
      });
      out.push(best ? { id: best.id, name: best.name, reason: best.reason, visible: best.visible } : null);
    }
    return out;
  }

  async function resolve(batch: ReadonlyArray<{ row: number; item: CompanyItem }>) {
    const names = batch.map((b) => b.item.segmentName).filter((n): n is string => !!n);
    const unknown = names.filter((n) => !segments.has(segmentNameKey(n)));
    if (unknown.length) {
      const found = await findSegmentIdsByNames(ctx.db, unknown);
      for (const n of unknown) segments.set(segmentNameKey(n), found.get(segmentNameKey(n)) ?? null);
    }
    const decisions: Array<Decision<CompanyItem> | null> = [];
    const open: Array<{ index: number; row: number; item: CompanyItem }> = [];
    for (const [index, { row, item }] of batch.entries()) {
      const reasons = await resolveLinks(item);
      if (ctx.mode !== 'create' && !reasons.length) {
        for (const k of fileKeys(item)) {
          const first = inFile.get(k.key);
          if (first !== undefined) {
            reasons.push(
              reason(ctx, k.field, `Row ${first} has the same ${k.text}: the company is twice in the file`),
            );
            break;
          }
        }
        if (!reasons.length) for (const k of fileKeys(item)) inFile.set(k.key, row);
      }
      decisions.push(reasons.length ? { kind: 'reject', reasons } : null);
      if (!reasons.length) open.push({ index, row, item });
    }
    if (ctx.mode === 'create') {
      for (const o of open) decisions[o.index] = { kind: 'create', item: o.item };
      return decisions as Array<Decision<CompanyItem>>;
    }
    const items = open.map((o) => o.item);
    const matches = ctx.fuzzyNames ? await fuzzyMatches(items) : await exactMatches(items);
    open.forEach((o, i) => {
      const m = matches[i];
      if (!m) {
        decisions[o.index] = { kind: 'create', item: o.item };
        return;
      }
      const text = MATCH_TEXT[m.reason as MatchReason] ?? MATCH_TEXT.similar_name;
      const why = `"${m.name}" already exists (${text.text})`;
      if (ctx.mode === 'skip') {
        decisions[o.index] = { kind: 'skip', reason: reason(ctx, text.field, why), matchedId: m.id };
      } else if (!m.visible) {
        decisions[o.index] = {
          kind: 'skip',
          reason: reason(ctx, text.field, `${why}, but you cannot see it; ask its owner`),
          matchedId: m.id,
        };
      } else if (updatedBy.has(m.id)) {
        decisions[o.index] = {
          kind: 'skip',
          reason: reason(ctx, text.field, `${why} and was updated from row ${updatedBy.get(m.id)} already`),
          matchedId: m.id,
        };
      } else {
        updatedBy.set(m.id, o.row);
        decisions[o.index] = { kind: 'update', targetId: m.id, item: o.item };
      }
    });
    return decisions as Array<Decision<CompanyItem>>;
  }

  /**
   * The change an update row makes: the fields it filled (lists added to), none when nothing
   * differs. The name stays: the row was matched to the company, people know it by its name.
   */
  function updateOf(current: Company, item: CompanyItem): UpdateCompany | null {
    const input = item.input as Record<string, unknown>;
    const patch: Record<string, unknown> = {};
    for (const field of item.present) {
      if (field === 'name') continue;
      let value = input[field];
      if (field === 'tags' || field === 'roles') value = unionList(current[field], value as string[]);
      if (field === 'ownerId' && item.teamId !== undefined && current.ownerId !== value)
        patch.teamId = item.teamId;
      if (!sameValue(current[field as keyof Company], value)) patch[field] = value;
    }
    if (Object.keys(patch).length === 0) return null;
    return { version: current.version, ...patch } as UpdateCompany;
  }

  async function write(
    trx: Parameters<EntityImporter<CompanyItem>['write']>[0],
    at: string,
    batch: ReadonlyArray<PlanEntry<CompanyItem>>,
  ) {
    const result: WriteResult = { created: 0, updated: 0, skipped: [] };
    const rows = batch
      .filter((e) => e.kind === 'create')
      .map((e) =>
        newCompanyRow(e.item.input, {
          now: at,
          ownerId: e.item.input.ownerId ?? null,
          teamId: e.item.teamId ?? null,
        }),
      );
    await insertImportedCompanies(trx, at, ctx.actor, rows);
    result.created = rows.length;
    for (const e of batch) {
      if (e.kind !== 'update' || !e.targetId) continue;
      try {
        const current = await loadCompany(trx, e.targetId, ctx.actor);
        const update = current.mergedIntoId ? null : updateOf(current, e.item);
        if (!update) {
          result.skipped.push({
            row: e.row,
            reason: reason(ctx, 'row', `"${current.name}" already has these values`),
            matchedId: current.id,
          });
          continue;
        }
        await applyCompanyUpdate(trx, { clock: ctx.clock }, ctx.actor, e.targetId, update);
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
