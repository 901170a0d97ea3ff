import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Tx } from '../../platform/db/database';
import { AppError, type FieldError } from '../../platform/http/errors';
import { type ParamValue, registerBuiltinRule } from '../automation';
import { getTeamNames } from '../identity';
import { loadPurchasingSettings, updatePurchasingSettingsIn } from './purchasing-settings.service';

export const FOLLOW_UP_RULE = 'purchasing.follow-up';

/**
 * The team given follow-ups: null (the team "Einkauf", else the approver) or a team that exists;
 * written through the purchasing settings (versioned, audited as on the settings page).
 */
async function writeFollowUpParams(trx: Tx, actor: Actor, clock: Clock, values: Record<string, ParamValue>) {
  const errors: FieldError[] = Object.keys(values)
    .filter((k) => k !== 'teamId')
    .map((k) => ({ path: `params.${k}`, message: `The rule has no parameter "${k}"` }));
  const teamId = values.teamId;
  if ('teamId' in values && teamId !== null) {
    if (typeof teamId !== 'string' || !(await getTeamNames(trx, [teamId])).has(teamId)) {
      errors.push({ path: 'params.teamId', message: 'teamId: no such team' });
    }
  }
  if (errors.length) {
    throw new AppError(
      'unprocessable',
      'automation.invalid_params',
      errors.map((e) => e.message).join('; '),
      errors,
    );
  }
  if (!('teamId' in values)) return;
  const s = await loadPurchasingSettings(trx);
  await updatePurchasingSettingsIn(trx, clock, actor, {
    version: s.version,
    followUpTeamId: teamId as string | null,
  });
}

/**
 * The purchase follow-up shown as a rule: the daily follow-up sweep raises `po.overdue` for open
 * orders past their expected date; the work domain's handler makes the follow-up task while this
 * rule is on (and records its runs).
 */
export function registerPurchasingBuiltins(): void {
  registerBuiltinRule({
    key: FOLLOW_UP_RULE,
    name: 'Nachfassen bei überfälliger Bestellung',
    order: 40,
    defaultEnabled: true,
    // null: the team "Einkauf", else the approver of the order
    params: [{ key: 'teamId', type: 'team', nullable: true }],
    settingsPath: null,
    async readParams(db) {
      return { teamId: (await loadPurchasingSettings(db)).followUpTeamId };
    },
    writeParams: writeFollowUpParams,
  });
}
