import { MultiSelect, NumberInput, Select, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConditionOp, FieldType } from '../../../../../contracts/automation';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { CompanyPicker, TeamPicker, UserPicker } from '../../../components/record-pickers';
import { useTeamLookup, useUserLookup } from '../../../lib/record-lookups';
import { usePipelineOptions, useSegmentOptions } from '../api/lookups-api';
import { centsToEuros, eurosToCents, takesList, takesNoValue } from './rule-values';

export type FieldValue = string | number | boolean | string[] | null | undefined;

interface Option {
  value: string;
  label: string;
}
type Options = Option[] | { group: string; items: Option[] }[];

/** The choices for id-like fields (stages grouped by pipeline, users, teams, segments). */
function useChoices(type: FieldType | undefined, enumOptions: string[] | undefined): Options | null {
  const { t } = useTranslation('automation');
  const pipelines = usePipelineOptions();
  const segments = useSegmentOptions();
  const users = useUserLookup({ enabled: type === 'user' });
  const teams = useTeamLookup({ enabled: type === 'team' });
  switch (type) {
    case 'enum':
      return (enumOptions ?? []).map((o) => ({ value: o, label: t(`enumValues.${o}`, { defaultValue: o }) }));
    case 'boolean':
      return [
        { value: 'true', label: t('values.yes') },
        { value: 'false', label: t('values.no') },
      ];
    case 'stage':
      return (pipelines.data ?? []).map((p) => ({
        group: p.name,
        items: p.stages.map((s) => ({ value: s.id, label: s.name })),
      }));
    case 'pipeline':
      return (pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }));
    case 'segment':
      return (segments.data ?? []).map((s) => ({ value: s.id, label: s.name }));
    case 'user':
      return (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));
    case 'team':
      return (teams.data ?? []).map((x) => ({ value: x.id, label: x.name }));
    default:
      return null;
  }
}

/**
 * The value of a condition (or of an update_field action) in an input that fits the field: money
 * in euros (kept as cents), a date picker, pickers for people, teams, stages, segments, companies.
 */
export function FieldValueInput({
  type,
  options,
  op = 'eq',
  value,
  onChange,
  error,
  label,
  testId,
}: {
  type: FieldType | undefined;
  options?: string[];
  op?: ConditionOp;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
  error?: string;
  label?: string;
  testId: string;
}) {
  const { t, i18n } = useTranslation('automation');
  const german = (i18n.resolvedLanguage ?? 'de') === 'de';
  const choices = useChoices(type, options);
  if (takesNoValue(op)) return null;
  const common = { label, error, 'data-testid': testId, placeholder: t('conditions.valuePlaceholder') };

  if (takesList(op)) {
    const list = Array.isArray(value) ? value : [];
    if (choices && type !== 'company') {
      return <MultiSelect {...common} data={choices} value={list} onChange={onChange} searchable miw={220} />;
    }
    return <TagsInput {...common} value={list} onChange={onChange} miw={220} />;
  }
  const single = typeof value === 'string' ? value : value == null ? null : String(value);
  switch (type) {
    case 'money':
      return (
        <NumberInput
          {...common}
          value={centsToEuros(value)}
          onChange={(v) => onChange(v === '' ? null : eurosToCents(v))}
          decimalScale={2}
          thousandSeparator={german ? '.' : ','}
          decimalSeparator={german ? ',' : '.'}
          suffix=" €"
          miw={160}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(v === '' ? null : Number(v))}
          miw={120}
        />
      );
    case 'date':
      return (
        <LazyDateInput
          {...common}
          value={single || null}
          onChange={(v) => onChange(v ?? '')}
          clearable
          miw={160}
        />
      );
    case 'boolean':
      return (
        <Select
          {...common}
          data={choices ?? []}
          value={value === true ? 'true' : value === false ? 'false' : null}
          onChange={(v) => onChange(v === 'true')}
          allowDeselect={false}
          miw={120}
        />
      );
    case 'user':
      return <UserPicker {...common} value={single} onChange={onChange} includeInactive miw={200} />;
    case 'team':
      return <TeamPicker {...common} value={single} onChange={onChange} miw={200} />;
    case 'company':
      return <CompanyPicker {...common} value={single} onChange={onChange} miw={220} />;
    case 'enum':
    case 'stage':
    case 'pipeline':
    case 'segment':
      return (
        <Select {...common} data={choices ?? []} value={single} onChange={onChange} searchable miw={200} />
      );
    default:
      return (
        <TextInput
          {...common}
          value={single ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          miw={200}
        />
      );
  }
}
