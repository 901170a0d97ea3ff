import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LinesTable } from '../../../components/lines-table';
import type { FormErrors } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { emptyLine, type LineValues, previewNetCents, previewTotalCents } from './line-values';
import { vatOptions } from './options';

/**
 * The deal's lines: text, quantity, unit price (€), discount (%) and VAT rate, with each line's net
 * amount and the total while typing — computed by the same function the server uses.
 */
export function LinesEditor({
  lines,
  onChange,
  errors,
}: {
  lines: LineValues[];
  onChange: (lines: LineValues[]) => void;
  errors: FormErrors;
}) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  return (
    <LinesTable<LineValues>
      ns="sales"
      lines={lines}
      onChange={onChange}
      errors={errors}
      newLine={emptyLine}
      netOf={previewNetCents}
      vatOptions={vatOptions(t)}
      testId="deal-lines"
      testIdPrefix="deal-line"
      widths={{ quantity: 90, unitPrice: 130, discount: 90, vat: 100, net: 120, actions: 36 }}
      minWidth={720}
      footer={
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('lines.total')}
          </Text>
          <Text fw={700} data-testid="deal-lines-total">
            {fmt.money(previewTotalCents(lines), 'EUR')}
          </Text>
        </Group>
      }
    />
  );
}
