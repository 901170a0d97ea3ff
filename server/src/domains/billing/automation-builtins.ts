import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { AppError, type FieldError } from '../../platform/http/errors';
import { type ParamValue, registerBuiltinRule } from '../automation';
import { getTeamNames } from '../identity';
import { loadDunningSettings, updateDunningSettingsIn } from './dunning.service';
import { getBillingSettings } from './settings.repository';
import { updateSettingsIn } from './settings.service';

/**
 * Billing's built-in processes shown as rules (issue 7 item 2). They keep running where they run —
 * the due sweep, the work domain's collection-task handler, billing's deal-won handler — and keep
 * their settings where they are: the parameters below are the billing and dunning settings, read
 * and written through their services (checked, versioned, audited as on the settings page).
 */

export const COLLECTION_RULE = 'billing.collection';
export const DUNNING_RULE = 'billing.dunning';
export const DEAL_WON_INVOICE_RULE = 'billing.deal-won-invoice';

function invalid(errors: FieldError[]): AppError {
  return new AppError(
    'unprocessable',
    'automation.invalid_params',
    errors.map((e) => e.message).join('; '),
    errors,
  );
}

/** Refuses keys the rule does not have (a typo must not be ignored silently). */
function unknownKeys(values: Record<string, ParamValue>, known: readonly string[]): FieldError[] {
  return Object.keys(values)
    .filter((k) => !known.includes(k))
    .map((k) => ({ path: `params.${k}`, message: `The rule has no parameter "${k}"` }));
}

/** A whole number of days in [min, max], or an error naming the parameter. */
export function daysParam(key: string, v: ParamValue, min: number, max: number): number | FieldError {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    return { path: `params.${key}`, message: `${key} must be a whole number of days from ${min} to ${max}` };
  }
  return v;
}

/** A team that exists, or null (nullable parameters), or an error naming the parameter. */
export async function teamParam(db: DbOrTx, key: string, v: ParamValue): Promise<string | null | FieldError> {
  if (v === null) return null;
  if (typeof v !== 'string' || !(await getTeamNames(db, [v])).has(v)) {
    return { path: `params.${key}`, message: `${key}: no such team` };
  }
  return v;
}

const isError = (v: unknown): v is FieldError => typeof v === 'object' && v !== null && 'path' in v;

async function writeCollectionParams(
  trx: Tx,
  actor: Actor,
  clock: Clock,
  values: Record<string, ParamValue>,
) {
  const errors = unknownKeys(values, ['graceDays', 'teamId']);
  const patch: { graceDays?: number; collectionsTeamId?: string | null } = {};
  if ('graceDays' in values) {
    const v = daysParam('graceDays', values.graceDays ?? null, 0, 90);
    if (isError(v)) errors.push(v);
    else patch.graceDays = v;
  }
  if ('teamId' in values) {
    const v = await teamParam(trx, 'teamId', values.teamId ?? null);
    if (isError(v)) errors.push(v);
    else patch.collectionsTeamId = v;
  }
  if (errors.length) throw invalid(errors);
  if (Object.keys(patch).length === 0) return;
  const s = await getBillingSettings(trx);
  await updateSettingsIn(trx, clock, actor, { version: s.version, ...patch });
}

async function noParams(_trx: Tx, _actor: Actor, _clock: Clock, values: Record<string, ParamValue>) {
  const errors = unknownKeys(values, []);
  if (errors.length) throw invalid(errors);
}

export function registerBillingBuiltins(): void {
  registerBuiltinRule({
    key: DEAL_WON_INVOICE_RULE,
    name: 'Rechnung bei gewonnenem Deal',
    order: 10,
    defaultEnabled: false,
    params: [],
    settingsPath: null,
    readParams: async () => ({}),
    writeParams: noParams,
    // the switch is the billing setting "auto-invoice won deals" (one switch, not two)
    enabled: {
      read: async (db) => (await getBillingSettings(db)).autoInvoiceOnWon,
      async write(trx, actor, clock, on) {
        const s = await getBillingSettings(trx);
        if (s.autoInvoiceOnWon !== on)
          await updateSettingsIn(trx, clock, actor, { version: s.version, autoInvoiceOnWon: on });
      },
    },
  });
  registerBuiltinRule({
    key: COLLECTION_RULE,
    name: 'Inkasso-Aufgabe bei überfälliger Rechnung',
    order: 20,
    defaultEnabled: true,
    params: [
      // due date + grace days passed unpaid → overdue (the due sweep reads the same setting)
      { key: 'graceDays', type: 'days', nullable: false, min: 0, max: 90 },
      // null: the invoice's own team
      { key: 'teamId', type: 'team', nullable: true },
    ],
    settingsPath: null,
    async readParams(db) {
      const s = await getBillingSettings(db);
      return { graceDays: s.graceDays, teamId: s.collectionsTeamId };
    },
    writeParams: writeCollectionParams,
  });
  registerBuiltinRule({
    key: DUNNING_RULE,
    name: 'Mahnstufen',
    order: 30,
    defaultEnabled: true,
    params: [],
    // the four levels (days, fees, letters) stay on their page
    settingsPath: '/admin/billing?tab=dunning',
    readParams: async () => ({}),
    writeParams: noParams,
    // the switch is the dunning settings' "enabled", which the due sweep's dunning step reads
    enabled: {
      read: async (db) => (await loadDunningSettings(db)).enabled,
      async write(trx, actor, clock, on) {
        const s = await loadDunningSettings(trx);
        if (s.enabled !== on)
          await updateDunningSettingsIn(trx, clock, actor, { version: s.version, enabled: on });
      },
    },
  });
}
