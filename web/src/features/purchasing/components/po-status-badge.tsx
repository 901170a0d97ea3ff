import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrderStatus } from '../../../../../contracts/purchasing';

const COLOR: Record<PurchaseOrderStatus, string> = {
  draft: 'gray',
  approved: 'blue',
  sent: 'indigo',
  partially_received: 'yellow',
  received: 'teal',
  cancelled: 'dark',
};

/** The order's status; an overdue one gets a red "overdue" badge next to it. */
export function PurchaseOrderStatusBadge({
  status,
  overdue,
}: {
  status: PurchaseOrderStatus;
  overdue?: boolean;
}) {
  const { t } = useTranslation('purchasing');
  return (
    <Group gap={4} wrap="nowrap" component="span">
      <Badge
        size="sm"
        variant="light"
        color={COLOR[status]}
        style={{ flexShrink: 0 }}
        data-testid="po-status"
        data-status={status}
      >
        {t(`status.${status}`)}
      </Badge>
      {overdue ? (
        <Badge size="sm" variant="filled" color="red" style={{ flexShrink: 0 }} data-testid="po-overdue">
          {t('status.overdue')}
        </Badge>
      ) : null}
    </Group>
  );
}
