import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BankEntryStatus } from '../../../../../contracts/bank-statements';

const COLOR: Record<BankEntryStatus, string> = {
  matched: 'teal',
  review: 'orange',
  ignored: 'gray',
  debit: 'dark',
};

/** Where a bank statement entry stands: matched, waiting for review, ignored, or outgoing money. */
export function BankEntryStatusBadge({ status }: { status: BankEntryStatus }) {
  const { t } = useTranslation('billing');
  return (
    <Badge
      size="sm"
      variant="light"
      color={COLOR[status]}
      // a narrow table column must not cut the label off
      style={{ flexShrink: 0, overflow: 'visible' }}
      styles={{ label: { overflow: 'visible' } }}
      data-testid="bank-entry-status"
      data-status={status}
    >
      {t(`bank.entryStatus.${status}`)}
    </Badge>
  );
}
