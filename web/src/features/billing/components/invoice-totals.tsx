import { Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VatBreakdown } from '../../../../../contracts/billing';
import { useFormat } from '../../../lib/use-format';

/** Net, VAT per rate (and category) and gross — the same figures as on the invoice document. */
export function InvoiceTotals({
  totals,
  paidCents,
  openCents,
  sign = 1,
}: {
  totals: { vatBreakdown: VatBreakdown[]; netCents: number; vatCents: number; grossCents: number };
  paidCents?: number;
  openCents?: number;
  /** -1 for a credit note: shown as negative amounts. */
  sign?: 1 | -1;
}) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const money = (c: number) => fmt.money(sign * c, 'EUR');
  return (
    <Stack gap={4} maw={420} ml="auto" w="100%" data-testid="invoice-totals">
      <Group justify="space-between">
        <Text size="sm">{t('totals.net')}</Text>
        <Text size="sm" data-testid="invoice-total-net">
          {money(totals.netCents)}
        </Text>
      </Group>
      {totals.vatBreakdown.map((g) => (
        <Group
          key={`${g.vatCategory}-${g.vatRate}`}
          justify="space-between"
          data-testid="invoice-total-vat-group"
          data-rate={g.vatRate}
        >
          <Text size="sm" c="dimmed">
            {g.vatRate > 0
              ? t('totals.vatOn', { rate: g.vatRate, net: money(g.netCents) })
              : t('totals.vatZero', {
                  category: t(`vatCategories.${g.vatCategory}`),
                  net: money(g.netCents),
                })}
          </Text>
          <Text size="sm">{money(g.vatCents)}</Text>
        </Group>
      ))}
      <Divider my={4} />
      <Group justify="space-between">
        <Text fw={700}>{t('totals.gross')}</Text>
        <Text fw={700} data-testid="invoice-total-gross">
          {money(totals.grossCents)}
        </Text>
      </Group>
      {paidCents !== undefined && paidCents > 0 ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('totals.paid')}
          </Text>
          <Text size="sm" data-testid="invoice-total-paid">
            {money(paidCents)}
          </Text>
        </Group>
      ) : null}
      {openCents !== undefined ? (
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {t('totals.open')}
          </Text>
          <Text size="sm" fw={600} data-testid="invoice-total-open">
            {money(openCents)}
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}
