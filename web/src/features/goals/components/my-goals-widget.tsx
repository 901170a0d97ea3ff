import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../../components/query-error';
import { useMyGoals } from '../api/goals-api';
import { GoalProgressBar } from './goal-progress-bar';
import { GoalStatusBadge } from './goal-status-badge';

const SHOWN = 5;

/** Dashboard: the signed-in person's running goals and their teams', with progress. */
export function MyGoalsList({ showAllLink }: { showAllLink: boolean }) {
  const { t } = useTranslation('goals');
  const goals = useMyGoals();
  if (goals.isError) return <QueryError error={goals.error} onRetry={() => void goals.refetch()} />;
  if (goals.isPending) return <Loader size="sm" />;
  const items = goals.data ?? [];
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="my-goals-empty">
        {t('widget.none')}
      </Text>
    );
  }
  return (
    <Stack gap="md" data-testid="my-goals">
      {items.slice(0, SHOWN).map((goal) => (
        <div key={goal.id} data-testid="my-goal" data-goal-id={goal.id}>
          <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
            <Text size="sm" fw={500} truncate>
              {goal.name}
            </Text>
            <GoalStatusBadge status={goal.progress.status} />
          </Group>
          <GoalProgressBar progress={goal.progress} metric={goal.metric} compact />
        </div>
      ))}
      {items.length > SHOWN || showAllLink ? (
        <Group justify="flex-end">
          <Button component={Link} to="/goals" variant="subtle" size="xs">
            {t('widget.all', { count: items.length })}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
