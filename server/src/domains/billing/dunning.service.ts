import type { Invoice } from '../../../../contracts/billing';
import type {
  DunningNotice,
  DunningSettings,
  SetDunningBlock,
  UpdateDunningSettings,
} from '../../../../contracts/dunning';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { AppError, type FieldError, notFound, staleVersion } from '../../platform/http/errors';
import { flag, toDunningNotice, toDunningSettings } from './dunning.mappers';
import {
  findNotice,
  findNoticesOfInvoice,
  getDunningConfig,
  updateDunningLevelRow,
  updateDunningSettingsRow,
} from './dunning.repository';
import { dunningLetterFileName, renderDunningLetter } from './dunning-letter';
import { findInvoice, updateInvoiceRow } from './invoices.repository';
import { invoiceOf, loadInvoiceRow, today } from './invoices.service';
import { getBillingSettings } from './settings.repository';
import type { BillingDeps } from './settings.service';

// ─── settings ────────────────────────────────────────────────────────────────────────────────────

export async function loadDunningSettings(db: DbOrTx): Promise<DunningSettings> {
  const { settings, levels } = await getDunningConfig(db);
  return toDunningSettings(settings, levels);
}

export function getDunningSettings(deps: BillingDeps): Promise<DunningSettings> {
  return loadDunningSettings(deps.db);
}

/** What the audit trail records of the settings (one line per level). */
function settingsSnapshot(s: DunningSettings): Record<string, unknown> {
  const out: Record<string, unknown> = { enabled: s.enabled, baseRatePercent: s.baseRatePercent };
  for (const l of s.levels) {
    out[`level${l.level}`] =
      `${l.name}: ${l.daysAfterDue} Tage nach Fälligkeit, Frist ${l.paymentDays} Tage, Gebühr ${l.feeCents} ct` +
      `${l.chargeInterest ? ', Zinsen' : ''}${l.chargeLumpSum ? ', Pauschale' : ''}`;
    out[`level${l.level}Text`] = l.letterText;
  }
  return out;
}

/**
 * Changes the dunning settings: on/off, base rate, the four levels. The levels come all four, in
 * order (level 1…4); their days after due must increase strictly (422 naming the field). Stale
 * version → 409. Audited like the billing settings.
 */
export function updateDunningSettings(
  deps: BillingDeps,
  actor: Actor,
  input: UpdateDunningSettings,
): Promise<DunningSettings> {
  return deps.db.transaction().execute((trx) => updateDunningSettingsIn(trx, deps.clock, actor, input));
}

/** `updateDunningSettings` in the caller's transaction (the built-in rule "Mahnstufen" switches through it). */
export async function updateDunningSettingsIn(
  trx: Tx,
  clock: Clock,
  actor: Actor,
  input: UpdateDunningSettings,
): Promise<DunningSettings> {
  const errors: FieldError[] = [];
  let baseRateBp: number | undefined;
  if (input.baseRatePercent !== undefined) {
    baseRateBp = Math.round(input.baseRatePercent * 100);
    if (Math.abs(input.baseRatePercent * 100 - baseRateBp) > 1e-6) {
      errors.push({ path: 'baseRatePercent', message: 'The base rate has at most two decimals (e.g. 1.27)' });
    }
  }
  const levels = input.levels;
  if (levels) {
    levels.forEach((l, i) => {
      if (l.level !== i + 1) {
        errors.push({
          path: `levels.${i}.level`,
          message: `Levels come in order: this one must be level ${i + 1}`,
        });
      }
      const prev = levels[i - 1];
      if (prev && l.daysAfterDue <= prev.daysAfterDue) {
        errors.push({
          path: `levels.${i}.daysAfterDue`,
          message: `Level ${i + 1} must come later than level ${i} (more than ${prev.daysAfterDue} days after the due date)`,
        });
      }
    });
  }
  if (errors.length) {
    throw new AppError(
      'unprocessable',
      'billing.invalid_dunning_settings',
      errors.map((e) => e.message).join('; '),
      errors,
    );
  }
  const before = await loadDunningSettings(trx);
  if (before.version !== input.version) throw staleVersion('dunning settings', '1');
  const now = clock.now().toISOString();
  const ok = await updateDunningSettingsRow(trx, input.version, {
    ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
    ...(baseRateBp !== undefined ? { base_rate_bp: baseRateBp } : {}),
    updated_at: now,
  });
  if (!ok) throw staleVersion('dunning settings', '1');
  for (const l of levels ?? []) {
    await updateDunningLevelRow(trx, l.level, {
      name: l.name,
      days_after_due: l.daysAfterDue,
      payment_days: l.paymentDays,
      fee_cents: l.feeCents,
      charge_interest: l.chargeInterest ? 1 : 0,
      charge_lump_sum: l.chargeLumpSum ? 1 : 0,
      letter_text: l.letterText,
      updated_at: now,
    });
  }
  const after = await loadDunningSettings(trx);
  await recordAudit(trx, clock, actor, {
    entityType: 'dunning_settings',
    entityId: '1',
    before: settingsSnapshot(before),
    after: settingsSnapshot(after),
    label: 'Dunning settings',
  });
  return after;
}

// ─── notices ─────────────────────────────────────────────────────────────────────────────────────

/** The notices of an invoice the actor may see, level 1 first. */
export async function listNoticesOfInvoice(
  deps: BillingDeps,
  actor: Actor,
  invoiceId: string,
): Promise<{ items: DunningNotice[] }> {
  const invoice = await loadInvoiceRow(deps.db, invoiceId, actor);
  const rows = await findNoticesOfInvoice(deps.db, invoiceId);
  return { items: rows.map((r) => toDunningNotice(r, invoice.number)) };
}

/** The letter PDF of a notice whose invoice the actor may see (404 otherwise). */
export async function dunningNoticePdf(deps: BillingDeps, actor: Actor, noticeId: string) {
  const row = await findNotice(deps.db, noticeId);
  const invoice = row ? await findInvoice(deps.db, row.invoice_id, actor) : undefined;
  if (!row || !invoice) throw notFound('dunning_notice', noticeId);
  const notice = toDunningNotice(row, invoice.number);
  const seller = await getBillingSettings(deps.db);
  const body = await renderDunningLetter({
    notice: { ...notice, letterText: row.letter_text },
    invoice: {
      number: invoice.number ?? '',
      issueDate: invoice.issue_date,
      dueDate: invoice.due_date,
      buyer: {
        name: invoice.buyer_name,
        street: invoice.buyer_street,
        postalCode: invoice.buyer_postal_code,
        city: invoice.buyer_city,
        country: invoice.buyer_country,
      },
    },
    seller,
  });
  return { filename: dunningLetterFileName(notice), contentType: 'application/pdf', body };
}

// ─── dunning block ───────────────────────────────────────────────────────────────────────────────

/**
 * Stops (or resumes) dunning an invoice — a Mahnsperre, e.g. while a complaint is open. Only an
 * issued, unpaid invoice can be blocked (409 otherwise); a block can always be lifted. Optimistic
 * on the invoice's version; audited (the invoice's history shows it). Setting the state it has is
 * a no-op that returns the invoice.
 */
export function setDunningBlock(
  deps: BillingDeps,
  actor: Actor,
  id: string,
  input: SetDunningBlock,
): Promise<Invoice> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadInvoiceRow(trx, id, actor);
    if (before.version !== input.version) throw staleVersion('invoice', id);
    const blocked = flag(before.dunning_blocked);
    if (blocked === input.blocked) return invoiceOf(trx, before, today(deps));
    if (input.blocked && (before.kind !== 'invoice' || before.status !== 'issued')) {
      throw new AppError(
        'conflict',
        'billing.invoice_not_open',
        `Only issued, unpaid invoices are dunned; invoice ${before.number ?? id} is ${before.kind === 'invoice' ? before.status : 'a credit note'}`,
      );
    }
    const now = deps.clock.now().toISOString();
    const patch = { dunning_blocked: input.blocked ? 1 : 0, updated_at: now };
    if (!(await updateInvoiceRow(trx, id, input.version, patch))) throw staleVersion('invoice', id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'invoice',
      entityId: id,
      label: before.number ?? undefined,
      before: { dunningBlocked: blocked },
      after: { dunningBlocked: input.blocked },
    });
    return invoiceOf(trx, { ...before, ...patch, version: before.version + 1 }, today(deps));
  });
}
