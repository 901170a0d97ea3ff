import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GoalProgress } from '../../../../../contracts/goals';

export const STATUS_COLOR: Record<GoalProgress['status'], string> = {
  ahead: 'teal',
  on_track: 'blue',
  behind: 'orange',
  achieved: 'green',
  missed: 'red',
  upcoming: 'gray',
};

export function GoalStatusBadge({ status }: { status: GoalProgress['status'] }) {
  const { t } = useTranslation('goals');
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant="light"
      // whole words: a tight table would shorten it to "IM RÜ…"
      style={{ minWidth: 'max-content' }}
      data-testid="goal-status"
      data-status={status}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}
