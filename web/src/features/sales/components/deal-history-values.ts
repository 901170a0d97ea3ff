import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DealSource, type Pipeline, StageKind } from '../../../../../contracts/sales';
import { useContactRecordLookup, useTeamLookup, useUserLookup } from '../../../lib/record-lookups';
import { useLostReasons, usePipelines } from '../api/pipelines-api';

type Names = Map<string, string>;

function describeDealValue(
  field: string,
  value: unknown,
  t: TFunction,
  names: {
    stages: Names;
    pipelines: Names;
    users: Names;
    teams: Names;
    reasons: Names;
    companies: Names;
    contacts: Names;
  },
): string | null {
  if (typeof value !== 'string') return null;
  switch (field) {
    case 'stageId':
      return names.stages.get(value) ?? null;
    case 'pipelineId':
      return names.pipelines.get(value) ?? null;
    case 'ownerId':
    case 'createdBy':
      return names.users.get(value) ?? null;
    case 'teamId':
      return names.teams.get(value) ?? null;
    case 'lostReasonId':
      return names.reasons.get(value) ?? null;
    case 'companyId':
      return names.companies.get(value) ?? null;
    case 'contactId':
      return names.contacts.get(value) ?? null;
    case 'status':
      return (StageKind.options as readonly string[]).includes(value) ? t(`sales:status.${value}`) : null;
    case 'source':
      return (DealSource.options as readonly string[]).includes(value) ? t(`sales:sources.${value}`) : null;
    default:
      return null;
  }
}

const stageNames = (pipelines: readonly Pipeline[] | undefined): Names =>
  new Map((pipelines ?? []).flatMap((p) => p.stages.map((s) => [s.id, s.name] as const)));

/**
 * The deal history's ids and codes in words: stages, pipelines, people, teams, lost reasons, the
 * deal's company and contact, status and source. Ids the app cannot name stay as they are.
 */
export function useDealHistoryValues(deal: {
  companyId: string;
  companyName: string | null;
  contactId: string | null;
}) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const users = useUserLookup();
  const teams = useTeamLookup();
  const reasons = useLostReasons();
  const contact = useContactRecordLookup(deal.contactId);
  return useMemo(() => {
    const names = {
      stages: stageNames(pipelines.data),
      pipelines: new Map((pipelines.data ?? []).map((p) => [p.id, p.name])),
      users: new Map((users.data ?? []).map((u) => [u.id, u.name])),
      teams: new Map((teams.data ?? []).map((x) => [x.id, x.name])),
      reasons: new Map((reasons.data ?? []).map((r) => [r.id, r.name])),
      companies: new Map(deal.companyName ? [[deal.companyId, deal.companyName]] : []),
      contacts: new Map(contact.data ? [[contact.data.id, contact.data.name]] : []),
    };
    return (field: string, value: unknown) => describeDealValue(field, value, t, names);
  }, [
    t,
    pipelines.data,
    users.data,
    teams.data,
    reasons.data,
    contact.data,
    deal.companyId,
    deal.companyName,
  ]);
}
