import {
  Anchor,
  Badge,
  Button,
  Group,
  Stack,
  type StackProps,
  Table,
  Text,
  type TextProps,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReplenishmentExplanation } from '../../../../../contracts/purchasing';
import { useFormat } from '../../../lib/use-format';
import { explanationSummary } from './explanation-summary';
import { causeLink, explanationRows } from './po-values';

/** The numbers and causes of a replenishment line: the projection, the target, the rounding, what took the stock. */
export function ExplanationDetails({
  explanation: e,
  unit,
  testId,
  ...stackProps
}: {
  explanation: ReplenishmentExplanation;
  unit?: string;
  testId?: string;
} & StackProps) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const qty = (v: number) => fmt.number(v, { maximumFractionDigits: 3 });
  const unitLabel = unit ? ` ${t(`unitShort.${unit}`, unit)}` : '';
  return (
    <Stack gap="xs" {...stackProps} data-testid={testId}>
      <Table fz="xs" verticalSpacing={2} withRowBorders={false} maw={420}>
        <Table.Tbody>
          {explanationRows(e).map((row) => (
            <Table.Tr key={row.key} data-testid={`explain-${row.key}`}>
              <Table.Td c={row.key === 'pipelineDemand' ? 'violet' : undefined}>
                {t(`explain.${row.key}`)}
              </Table.Td>
              <Table.Td
                ta="right"
                style={{ whiteSpace: 'nowrap' }}
                fw={row.key === 'projected' || row.key === 'quantity' ? 600 : undefined}
                c={row.key === 'pipelineDemand' ? 'violet' : undefined}
              >
                {row.key === 'reserved' || row.key === 'pipelineDemand' ? '− ' : ''}
                {row.key === 'onOrder' ? '+ ' : ''}
                {qty(row.value)}
                {unitLabel}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>{t('explain.leadTime')}</Table.Td>
            <Table.Td ta="right">{t('explain.days', { count: e.leadTimeDays })}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {e.pipelineDemand > 0 ? (
        <Text size="xs" c="violet" data-testid="explain-pipeline-hint">
          {t('explain.pipelineHint')}
        </Text>
      ) : null}
      {e.causes.length > 0 ? (
        <div>
          <Text size="xs" fw={600} mb={2}>
            {t('explain.causes')}
          </Text>
          <Stack gap={2}>
            {e.causes.map((c, i) => {
              const link = causeLink(c);
              // a deal the reader may not see comes without its title (and without its id)
              const hidden = !c.sourceLabel && (c.kind === 'deal' || c.sourceType === 'deal');
              const label = c.sourceLabel ?? (hidden ? t('explain.hiddenDeal') : c.label);
              return (
                <Group
                  key={c.moveId ?? `${c.sourceId}-${i}`}
                  gap="xs"
                  wrap="wrap"
                  align="baseline"
                  data-testid="explain-cause"
                >
                  <Badge
                    size="xs"
                    variant="light"
                    color={c.kind === 'deal' ? 'violet' : 'gray'}
                    style={{ flexShrink: 0 }}
                  >
                    {c.kind === 'deal' ? t('explain.causeDeal') : t(`explain.moveKinds.${c.label}`, c.label)}
                  </Badge>
                  <Text size="xs" style={{ flex: '1 1 120px', minWidth: 120, overflowWrap: 'break-word' }}>
                    {link ? (
                      <Anchor component={Link} to={link} size="xs" data-testid="explain-cause-link">
                        {label}
                      </Anchor>
                    ) : (
                      label
                    )}
                    {c.kind === 'deal' && c.sourceLabel ? ` (${c.label})` : ''}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
                    {qty(c.quantity)}
                    {unitLabel}
                    {c.at ? ` · ${fmt.dateTime(c.at)}` : ''}
                  </Text>
                </Group>
              );
            })}
          </Stack>
        </div>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('explain.computedAt', { at: fmt.dateTime(e.computedAt) })}
      </Text>
    </Stack>
  );
}

/** The summary sentence of a replenishment line, in the reader's language (built from its numbers). */
export function ExplanationSummary({
  explanation,
  testId,
  ...textProps
}: { explanation: ReplenishmentExplanation; testId?: string } & TextProps) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const num = (v: number) => fmt.number(v, { maximumFractionDigits: 3 });
  return (
    <Text {...textProps} data-testid={testId}>
      {explanationSummary(explanation, t, num)}
    </Text>
  );
}

/**
 * A replenishment line's summary sentence with the "why?" toggle; the numbers and causes it opens
 * are shown by the caller (in a full-width row under the line, see PurchaseOrderLinesTable).
 */
export function LineExplanationToggle({
  explanation,
  sku,
  open,
  onToggle,
}: {
  explanation: ReplenishmentExplanation;
  sku: string;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation('purchasing');
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <ExplanationSummary
        explanation={explanation}
        size="xs"
        c="dimmed"
        style={{ flex: 1, minWidth: 0 }}
        testId={`po-line-summary-${sku}`}
      />
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={open ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
        onClick={onToggle}
        aria-expanded={open}
        style={{ flexShrink: 0 }}
        data-testid={`po-line-explain-${sku}`}
      >
        {t('explain.why')}
      </Button>
    </Group>
  );
}
