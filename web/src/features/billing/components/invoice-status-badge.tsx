import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InvoiceStatus } from '../../../../../contracts/billing';

const COLOR: Record<InvoiceStatus, string> = {
  draft: 'gray',
  issued: 'blue',
  paid: 'teal',
  cancelled: 'dark',
};

/** The invoice's status; an overdue one gets a red "overdue" badge next to it. */
export function InvoiceStatusBadge({
  status,
  overdue,
  kind,
}: {
  status: InvoiceStatus;
  overdue?: boolean;
  kind?: 'invoice' | 'credit_note';
}) {
  const { t } = useTranslation('billing');
  return (
    <Group gap={4} wrap="nowrap" component="span">
      {kind === 'credit_note' ? (
        <Badge size="sm" variant="outline" color="grape" style={{ flexShrink: 0 }}>
          {t('kind.credit_note')}
        </Badge>
      ) : null}
      <Badge
        size="sm"
        variant="light"
        color={COLOR[status]}
        style={{ flexShrink: 0 }}
        data-testid="invoice-status"
        data-status={status}
      >
        {t(`status.${status}`)}
      </Badge>
      {overdue ? (
        <Badge size="sm" variant="filled" color="red" style={{ flexShrink: 0 }} data-testid="invoice-overdue">
          {t('status.overdue')}
        </Badge>
      ) : null}
    </Group>
  );
}
