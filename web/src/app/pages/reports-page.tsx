import { Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { TeamPicker, UserPicker } from '../../components/record-pickers';
import {
  ActivityConversionReportView,
  ForecastReportView,
  type FunnelBasis,
  FunnelReportView,
  PERIODS,
  type Period,
  PeriodPicker,
  periodRange,
} from '../../features/reports';
import { PipelineSelect } from '../../features/sales';
import { RequirePermission } from '../require-permission';

const DEFAULT_PERIOD: Period = 'last12Months';

/**
 * `/reports`: the funnel (period, basis) and the forecast of one pipeline, for everyone the user may
 * see or one owner or team. Filters live in the URL. The charts load with this page only.
 */
export function ReportsPage() {
  const { t } = useTranslation('reports');
  const [params, setParams] = useSearchParams();
  const rawPeriod = params.get('period');
  const period: Period =
    rawPeriod && (PERIODS as readonly string[]).includes(rawPeriod) ? (rawPeriod as Period) : DEFAULT_PERIOD;
  const range =
    period === 'custom'
      ? { from: params.get('from') ?? '', to: params.get('to') ?? '' }
      : periodRange(period);
  const basis: FunnelBasis = params.get('basis') === 'entered' ? 'entered' : 'created';
  const common = {
    pipelineId: params.get('pipelineId') ?? '',
    ownerId: params.get('ownerId') ?? '',
    teamId: params.get('teamId') ?? '',
  };

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  return (
    <RequirePermission permission="salesReports.read">
      <PageHeader title={t('title')} description={t('description')} />
      <Paper withBorder radius="md" p="md" mb="lg">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <PipelineSelect
            label={t('filters.pipeline')}
            placeholder={t('filters.defaultPipeline')}
            value={common.pipelineId || null}
            onChange={(id) => update({ pipelineId: id })}
            clearable
            w={220}
            data-testid="report-pipeline"
          />
          <UserPicker
            includeInactive
            label={t('filters.owner')}
            placeholder={t('filters.everyone')}
            value={common.ownerId || null}
            onChange={(id) => update({ ownerId: id })}
            clearable
            w={200}
            data-testid="report-owner"
          />
          <TeamPicker
            label={t('filters.team')}
            placeholder={t('filters.allTeams')}
            value={common.teamId || null}
            onChange={(id) => update({ teamId: id })}
            clearable
            w={180}
            data-testid="report-team"
          />
          <PeriodPicker
            period={period}
            from={range.from}
            to={range.to}
            onChange={(next) =>
              update({
                period: next.period === DEFAULT_PERIOD ? null : next.period,
                from: next.period === 'custom' ? next.from : null,
                to: next.period === 'custom' ? next.to : null,
              })
            }
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('filters.basis')}
            </Text>
            <SegmentedControl
              value={basis}
              onChange={(value) => update({ basis: value === 'entered' ? 'entered' : null })}
              data={[
                { value: 'created', label: t('basis.created') },
                { value: 'entered', label: t('basis.entered') },
              ]}
              data-testid="report-basis"
            />
          </Stack>
        </Group>
      </Paper>
      <Stack gap="lg">
        <FunnelReportView filters={{ ...common, ...range, basis }} />
        <ForecastReportView filters={common} />
        <ActivityConversionReportView
          filters={{ ownerId: common.ownerId, teamId: common.teamId, from: range.from, to: range.to }}
        />
      </Stack>
    </RequirePermission>
  );
}
