import { Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ROLE_SCOPE } from '../../../../contracts/permissions';
import { PageHeader } from '../../components/page-header';
import { TeamPicker } from '../../components/record-pickers';
import { WorkloadReportView } from '../../features/workload';
import { useSession } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

const WEEKS = ['4', '8', '12', '26'];
const MONTHS = ['3', '6', '12'];

/**
 * `/workload`: the manager's planning view — open and overdue tasks per team and person, the trend,
 * the coming months' forecast and the goals behind pace. Filters live in the URL.
 */
export function WorkloadPage() {
  const { t } = useTranslation('workload');
  const [params, setParams] = useSearchParams();
  // admins see every team, managers their own (another team's workload is not theirs to see)
  const me = useSession();
  const everyTeam = ROLE_SCOPE[me.user.role] === 'all';
  const teamId = params.get('teamId') ?? '';
  const weeks = WEEKS.includes(params.get('weeks') ?? '') ? params.get('weeks')! : '8';
  const months = MONTHS.includes(params.get('months') ?? '') ? params.get('months')! : '3';
  const update = (key: string, value: string | null, fallback?: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== fallback) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <RequirePermission permission="reports.workload">
      <PageHeader title={t('title')} description={t('description')} />
      <Paper withBorder radius="md" p="md" mb="lg">
        <Group gap="md" align="flex-end" wrap="wrap">
          {everyTeam ? (
            <TeamPicker
              label={t('filters.team')}
              placeholder={t('filters.everyTeam')}
              value={teamId || null}
              onChange={(id) => update('teamId', id)}
              clearable
              w={220}
              data-testid="workload-team"
            />
          ) : (
            <Select
              label={t('filters.team')}
              placeholder={t('filters.allTeams')}
              data={me.teams.map((team) => ({ value: team.id, label: team.name }))}
              value={teamId || null}
              onChange={(id) => update('teamId', id)}
              clearable
              w={220}
              data-testid="workload-team"
            />
          )}
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('filters.weeks')}
            </Text>
            <SegmentedControl
              value={weeks}
              onChange={(value) => update('weeks', value, '8')}
              data={WEEKS.map((w) => ({ value: w, label: t('filters.weeksValue', { count: Number(w) }) }))}
              data-testid="workload-weeks"
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('filters.months')}
            </Text>
            <SegmentedControl
              value={months}
              onChange={(value) => update('months', value, '3')}
              data={MONTHS.map((m) => ({ value: m, label: t('filters.monthsValue', { count: Number(m) }) }))}
              data-testid="workload-months"
            />
          </Stack>
        </Group>
      </Paper>
      <WorkloadReportView filters={{ teamId, weeks: Number(weeks), months: Number(months) }} />
    </RequirePermission>
  );
}
