import { Anchor, Badge, Button, Collapse, Group, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReplenishmentExplanation } from '../../../../../contracts/purchasing';
import { useFormat } from '../../../lib/use-format';
import { causeLink, explanationRows } from './po-values';

/** The numbers and causes of a replenishment line: the projection, the target, the rounding, what took the stock. */
export function ExplanationDetails({
  explanation: e,
  unit,
  testId,
}: {
  explanation: ReplenishmentExplanation;
  unit?: string;
  testId?: string;
}) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const qty = (v: number) => fmt.number(v, { maximumFractionDigits: 3 });
  const unitLabel = unit ? ` ${t(`unitShort.${unit}`, unit)}` : '';
  return (
    <Stack gap="xs" data-testid={testId}>
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
                  wrap="nowrap"
                  data-testid="explain-cause"
                >
                  <Badge size="xs" variant="light" color={c.kind === 'deal' ? 'violet' : 'gray'}>
                    {c.kind === 'deal' ? t('explain.causeDeal') : t(`explain.moveKinds.${c.label}`, c.label)}
                  </Badge>
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {link ? (
                      <Anchor component={Link} to={link} size="xs" data-testid="explain-cause-link">
                        {label}
                      </Anchor>
                    ) : (
                      label
                    )}
                    {c.kind === 'deal' && c.sourceLabel ? ` (${c.label})` : ''}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
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

/** A replenishment line's summary sentence with an expandable "why?" holding the numbers and causes. */
export function LineExplanation({
  explanation,
  unit,
  sku,
}: {
  explanation: ReplenishmentExplanation;
  unit?: string;
  sku: string;
}) {
  const { t } = useTranslation('purchasing');
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={4} mt={4}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="xs" c="dimmed" data-testid={`po-line-summary-${sku}`}>
          {explanation.summary}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={open ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          style={{ flexShrink: 0 }}
          data-testid={`po-line-explain-${sku}`}
        >
          {t('explain.why')}
        </Button>
      </Group>
      <Collapse expanded={open}>
        {open ? (
          <ExplanationDetails explanation={explanation} unit={unit} testId={`po-line-why-${sku}`} />
        ) : null}
      </Collapse>
    </Stack>
  );
}
