import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DealStatus } from '../../../../../contracts/sales';

export const STATUS_COLOR: Record<DealStatus, string> = { open: 'blue', won: 'teal', lost: 'red' };

export function DealStatusBadge({ status }: { status: DealStatus }) {
  const { t } = useTranslation('sales');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="deal-status" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
