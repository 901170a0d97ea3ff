import { Id } from '../../../../contracts/common';
import { type ContactCompany, companyNameKey, findCompaniesForImport } from '../companies';
import { type Reason, type RunContext, reason } from './importer';

/** A company as contacts and deals of an import link to it. */
interface Candidate extends ContactCompany {
  name_key: string;
  merged_into_id: string | null;
  visible: boolean;
}

/**
 * Finds the companies contact and deal rows belong to, by id or by name (the name compared as
 * duplicate detection compares it: "Müller GmbH" = "Mueller GmbH"), among the companies the actor
 * may see. Looked up once per batch, remembered for the run.
 */
export function companyLinker(ctx: RunContext) {
  const byId = new Map<string, Candidate | null>();
  const byKey = new Map<string, Candidate[]>();

  const slim = (r: Candidate): Candidate => ({
    id: r.id,
    name: r.name,
    name_key: r.name_key,
    owner_id: r.owner_id,
    team_id: r.team_id,
    merged_into_id: r.merged_into_id,
    visible: r.visible,
  });

  /** Looks up what the batch needs and is not known yet. */
  async function load(
    refs: ReadonlyArray<{ companyId?: string | undefined; companyName?: string | undefined }>,
  ) {
    const ids = new Set<string>();
    const keys = new Set<string>();
    for (const r of refs) {
      if (r.companyId && !byId.has(r.companyId) && Id.safeParse(r.companyId).success) ids.add(r.companyId);
      const key = r.companyName ? companyNameKey(r.companyName) : '';
      if (key && !byKey.has(key)) keys.add(key);
    }
    if (!ids.size && !keys.size) return;
    const rows = await findCompaniesForImport(ctx.db, ctx.actor, { ids: [...ids], nameKeys: [...keys] });
    for (const id of ids) byId.set(id, null);
    for (const key of keys) byKey.set(key, []);
    for (const row of rows) {
      const c = slim(row);
      if (ids.has(c.id)) byId.set(c.id, c);
      if (keys.has(c.name_key) && !c.merged_into_id) byKey.get(c.name_key)?.push(c);
    }
  }

  /** The company of a row, or why there is none. */
  function find(ref: {
    companyId?: string | undefined;
    companyName?: string | undefined;
  }): { company: ContactCompany } | { reason: Reason } {
    if (ref.companyId) {
      const c = byId.get(ref.companyId);
      if (!c?.visible) {
        return {
          reason: reason(
            ctx,
            'companyId',
            `Company ${ref.companyId} does not exist or is not visible to you`,
          ),
        };
      }
      if (c.merged_into_id) {
        return {
          reason: reason(
            ctx,
            'companyId',
            `${c.name} was merged into company ${c.merged_into_id}; use that one`,
          ),
        };
      }
      return { company: c };
    }
    const name = ref.companyName ?? '';
    const all = byKey.get(companyNameKey(name)) ?? [];
    const visible = all.filter((c) => c.visible);
    if (!all.length) return { reason: reason(ctx, 'companyName', `There is no company "${name}"`) };
    if (!visible.length) {
      return {
        reason: reason(
          ctx,
          'companyName',
          `The company "${name}" exists, but you cannot see it; ask its owner`,
        ),
      };
    }
    if (visible.length === 1) return { company: visible[0]! };
    const exact = visible.filter((c) => c.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (exact.length === 1) return { company: exact[0]! };
    return {
      reason: reason(
        ctx,
        'companyName',
        `${visible.length} companies are called "${name}"; give the company's id (companyId column) instead`,
      ),
    };
  }

  return { load, find };
}
