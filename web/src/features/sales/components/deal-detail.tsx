import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Timeline, Title, Tooltip } from '@mantine/core';
import { IconArrowRight, IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DealDetail, Pipeline } from '../../../../../contracts/sales';
import { EmptyState } from '../../../components/empty-state';
import { todayBusinessDate } from '../../../lib/format';
import { useContactRecordLookup, useTeamLookup } from '../../../lib/record-lookups';
import { useFormat } from '../../../lib/use-format';
import { isOverdue } from './board/deal-card';
import { StageProgress } from './stage-progress';

function Fact({ label, children, testId }: { label: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children ?? '—'}
      </Text>
    </div>
  );
}

/** The deal's facts: who, what, when, how much, where in the pipeline. */
export function DealFacts({
  deal,
  pipeline,
  companyLink,
}: {
  deal: DealDetail;
  pipeline: Pipeline | undefined;
  companyLink?: string | null;
}) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const contact = useContactRecordLookup(deal.contactId);
  const teams = useTeamLookup();
  const team = deal.teamId ? teams.data?.find((x) => x.id === deal.teamId) : undefined;
  const overdue = isOverdue(deal, todayBusinessDate());
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="lg">
        <StageProgress deal={deal} pipeline={pipeline} />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="md">
          <Fact label={t('fields.amount')} testId="deal-detail-amount">
            <Text fw={700} size="lg" span>
              {fmt.money(deal.amountCents, deal.currency)}
            </Text>
          </Fact>
          <Fact label={t('fields.weighted')}>
            {fmt.money(deal.weightedAmountCents, deal.currency)} ({fmt.number(deal.probability)} %)
          </Fact>
          <Fact label={t('fields.expectedCloseDate')}>
            <Text span size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
              {overdue
                ? t('board.overdue', { date: fmt.date(deal.expectedCloseDate) })
                : fmt.date(deal.expectedCloseDate)}
            </Text>
          </Fact>
          <Fact label={t('fields.company')} testId="deal-detail-company">
            {companyLink ? (
              <Anchor component={Link} to={companyLink} size="sm">
                {deal.companyName}
              </Anchor>
            ) : (
              deal.companyName
            )}
          </Fact>
          <Fact label={t('fields.contact')}>{deal.contactId ? (contact.data?.name ?? '…') : null}</Fact>
          <Fact label={t('fields.owner')}>{deal.ownerName}</Fact>
          <Fact label={t('fields.team')}>{deal.teamId ? (team?.name ?? '…') : null}</Fact>
          <Fact label={t('fields.source')}>{t(`sources.${deal.source}`)}</Fact>
          <Fact label={t('fields.pipeline')}>{pipeline?.name}</Fact>
          <Fact label={t('fields.stage')} testId="deal-detail-stage">
            {deal.stageName}
          </Fact>
          <Fact label={t('fields.stageEnteredAt')}>{fmt.dateTime(deal.stageEnteredAt)}</Fact>
          <Fact label={t('fields.createdAt')}>{fmt.dateTime(deal.createdAt)}</Fact>
          {deal.wonAt ? <Fact label={t('fields.wonAt')}>{fmt.dateTime(deal.wonAt)}</Fact> : null}
          {deal.lostAt ? <Fact label={t('fields.lostAt')}>{fmt.dateTime(deal.lostAt)}</Fact> : null}
          {deal.status === 'lost' ? (
            <Fact label={t('fields.lostReason')} testId="deal-detail-lost-reason">
              {deal.lostReason}
            </Fact>
          ) : null}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

/** The lines with their net amounts as the server computed them, and the total. */
export function DealLinesTable({ deal }: { deal: DealDetail }) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="deal-detail-lines">
      <Title order={4} mb="md">
        {t('detail.lines')}
      </Title>
      {deal.hasLines ? (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lines.description')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('lines.quantity')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('lines.unitPrice')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('lines.discount')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('lines.vat')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('lines.net')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deal.lines.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td>{line.description}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{fmt.number(line.quantity)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {fmt.money(line.unitPriceCents, deal.currency)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {line.discountPercent ? `${fmt.number(line.discountPercent)} %` : '—'}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{fmt.number(line.vatRate)} %</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {fmt.money(line.netCents, deal.currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={5} style={{ textAlign: 'right' }}>
                  {t('lines.total')}
                </Table.Th>
                <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  {fmt.money(deal.amountCents, deal.currency)}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          {t('detail.noLines', { amount: fmt.money(deal.amountCents, deal.currency) })}
        </Text>
      )}
    </Card>
  );
}

const days = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Every stage the deal went through: from → to, who and when, and how long it stayed. */
export function StageHistory({ deal }: { deal: DealDetail }) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const entries = [...deal.stageHistory].reverse();
  if (entries.length === 0) return <EmptyState title={t('detail.noHistory')} />;
  return (
    <Timeline bulletSize={22} lineWidth={2} active={entries.length} data-testid="deal-stage-history">
      {entries.map((entry, i) => {
        // the next entry in time is the previous one in this newest-first list
        const left = i > 0 ? entries[i - 1]!.changedAt : null;
        const stayed = left ? days(entry.changedAt, left) : null;
        return (
          <Timeline.Item
            key={entry.id}
            bullet={entry.fromStageId ? <IconArrowRight size={12} /> : <IconPlus size={12} />}
            data-testid="stage-change"
            data-to-stage={entry.toStageName}
          >
            <Group gap={6} wrap="wrap">
              {entry.fromStageName ? (
                <>
                  <Text size="sm" c="dimmed">
                    {entry.fromStageName}
                  </Text>
                  <Text size="sm" c="dimmed" aria-label={t('detail.movedTo')}>
                    →
                  </Text>
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('detail.createdIn')}
                </Text>
              )}
              <Text size="sm" fw={600}>
                {entry.toStageName}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              <Tooltip label={fmt.relative(entry.changedAt)} openDelay={300}>
                <span>{fmt.dateTime(entry.changedAt)}</span>
              </Tooltip>
              {' · '}
              {entry.changedByName ?? t('detail.system')}
              {' · '}
              {fmt.money(entry.amountCents, deal.currency)}
              {stayed !== null ? ` · ${t('detail.stayed', { count: Math.round(stayed * 10) / 10 })}` : ''}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
