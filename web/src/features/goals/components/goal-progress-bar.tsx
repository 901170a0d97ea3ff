import { Box, Group, Progress, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GoalMetric, GoalProgress } from '../../../../../contracts/goals';
import { useFormat } from '../../../lib/use-format';
import { STATUS_COLOR } from './goal-status-badge';
import { goalValue } from './goal-values';

/**
 * Actual against target as a bar, with a marker where a straight line from zero to the target stands
 * today (expected by today): a bar short of the marker is behind.
 */
export function GoalProgressBar({
  progress,
  metric,
  compact,
}: {
  progress: GoalProgress;
  metric: GoalMetric;
  compact?: boolean;
}) {
  const { t } = useTranslation('goals');
  const fmt = useFormat();
  const filled = Math.min(100, progress.percent);
  const marker = progress.target > 0 ? Math.min(100, (progress.expectedByToday / progress.target) * 100) : 0;
  return (
    <Box
      miw={compact ? 120 : 180}
      data-testid="goal-progress"
      data-actual={progress.actual}
      data-percent={progress.percent}
    >
      <Box pos="relative">
        <Progress
          value={filled}
          color={STATUS_COLOR[progress.status]}
          size={compact ? 'md' : 'lg'}
          radius="xl"
          aria-label={t('progress.label', {
            actual: goalValue(fmt, metric, progress.actual),
            target: goalValue(fmt, metric, progress.target),
          })}
        />
        {progress.status !== 'upcoming' ? (
          <Tooltip
            label={t('progress.expected', { value: goalValue(fmt, metric, progress.expectedByToday) })}
          >
            <Box
              pos="absolute"
              top={-3}
              bottom={-3}
              left={`calc(${marker}% - 1px)`}
              w={2}
              bg="var(--mantine-color-dark-4)"
              data-testid="goal-pace-marker"
            />
          </Tooltip>
        ) : null}
      </Box>
      <Group justify="space-between" gap={4} mt={4} wrap="nowrap">
        <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="goal-actual">
          {compact
            ? // without a target column beside it (dashboard): "13 of 12"
              t('progress.label', {
                actual: goalValue(fmt, metric, progress.actual),
                target: goalValue(fmt, metric, progress.target),
              })
            : goalValue(fmt, metric, progress.actual)}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {fmt.number(progress.percent, { maximumFractionDigits: 1 })} %
        </Text>
      </Group>
    </Box>
  );
}
