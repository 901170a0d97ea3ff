import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GoalMetric } from '../../../../../contracts/goals';
import { TeamPicker, UserPicker } from '../../../components/record-pickers';
import type { GoalFilters } from '../api/goals-api';
import { METRICS } from './goal-values';

/** Period (running today, or all), metric, person and team. */
export function GoalFiltersBar({
  filters,
  onChange,
}: {
  filters: GoalFilters;
  onChange: (next: GoalFilters) => void;
}) {
  const { t } = useTranslation('goals');
  return (
    <Group gap="sm" mb="md" data-testid="goal-filters">
      <Select
        label={t('filters.period')}
        allowDeselect={false}
        value={filters.activeOn === 'all' ? 'all' : 'current'}
        data={[
          { value: 'current', label: t('filters.current') },
          { value: 'all', label: t('filters.all') },
        ]}
        onChange={(value) => onChange({ ...filters, activeOn: value === 'all' ? 'all' : '' })}
        w={180}
        data-testid="goal-filter-period"
      />
      <Select
        label={t('filters.metric')}
        clearable
        placeholder={t('filters.any')}
        value={filters.metric || null}
        data={METRICS.map((m) => ({ value: m, label: t(`metrics.${m}`) }))}
        onChange={(value) => onChange({ ...filters, metric: (value ?? '') as GoalMetric | '' })}
        w={220}
        data-testid="goal-filter-metric"
      />
      <UserPicker
        includeInactive
        label={t('filters.user')}
        clearable
        placeholder={t('filters.any')}
        value={filters.userId || null}
        onChange={(value) => onChange({ ...filters, userId: value ?? '' })}
        w={220}
        data-testid="goal-filter-user"
      />
      <TeamPicker
        label={t('filters.team')}
        clearable
        placeholder={t('filters.any')}
        value={filters.teamId || null}
        onChange={(value) => onChange({ ...filters, teamId: value ?? '' })}
        w={220}
        data-testid="goal-filter-team"
      />
    </Group>
  );
}
