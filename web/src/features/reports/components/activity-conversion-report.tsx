import {
  Anchor,
  Card,
  Center,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  ActivityConversionFigures,
  ActivityConversionReport,
} from '../../../../../contracts/sales-reports';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import {
  type ActivityConversionFilters,
  type ConversionGroupBy,
  useActivityConversionReport,
} from '../api/activity-conversion-api';
import { LazyBarChart } from './charts/lazy-charts';
import { Stat } from './stat';

const TYPE_COLORS = ['blue.6', 'teal.6', 'grape.6', 'orange.6', 'cyan.6', 'pink.6'];
/** Won deals listed under the table (the report sends the latest 100). */
const DEALS_SHOWN = 10;

function useFigures() {
  const fmt = useFormat();
  return {
    ratio: (v: number | null) => (v === null ? '—' : fmt.number(v, { maximumFractionDigits: 2 })),
    money: (v: number | null) => (v === null ? '—' : fmt.money(v, 'EUR')),
  };
}

function FigureCells({
  f,
  types,
}: {
  f: ActivityConversionFigures;
  types: ActivityConversionReport['activityTypes'];
}) {
  const fmt = useFormat();
  const show = useFigures();
  return (
    <>
      <Table.Td ta="right">{fmt.number(f.activities)}</Table.Td>
      {types.map((type) => (
        <Table.Td key={type.key} ta="right">
          {fmt.number(f.byType[type.key] ?? 0)}
        </Table.Td>
      ))}
      <Table.Td ta="right">{fmt.number(f.wonDeals)}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {fmt.money(f.wonCents, 'EUR')}
      </Table.Td>
      <Table.Td ta="right">{show.ratio(f.activitiesPerWonDeal)}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {show.money(f.revenuePerActivityCents)}
      </Table.Td>
      <Table.Td ta="right">{show.ratio(f.linkedActivitiesPerWonDeal)}</Table.Td>
    </>
  );
}

function ConversionBody({ report }: { report: ActivityConversionReport }) {
  const { t } = useTranslation('reports');
  const fmt = useFormat();
  const show = useFigures();
  const types = report.activityTypes;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <Stat
          label={t('conversion.activities')}
          value={fmt.number(report.total.activities)}
          testId="conversion-activities"
        />
        <Stat
          label={t('conversion.wonDeals')}
          value={fmt.number(report.total.wonDeals)}
          hint={fmt.money(report.total.wonCents, report.currency)}
          color="teal"
          testId="conversion-won"
        />
        <Stat
          label={t('conversion.perWonDeal')}
          value={show.ratio(report.total.activitiesPerWonDeal)}
          hint={t('conversion.perWonDealHint')}
          testId="conversion-per-won-deal"
        />
        <Stat
          label={t('conversion.revenuePerActivity')}
          value={show.money(report.total.revenuePerActivityCents)}
          hint={t('conversion.revenuePerActivityHint')}
          testId="conversion-revenue-per-activity"
        />
        <Stat
          label={t('conversion.linkedPerWonDeal')}
          value={show.ratio(report.total.linkedActivitiesPerWonDeal)}
          hint={t('conversion.linkedPerWonDealHint')}
          testId="conversion-linked-per-won-deal"
        />
      </SimpleGrid>
      {report.rows.length > 0 ? (
        <LazyBarChart
          height={260}
          data={report.rows.map((r) => ({
            name: r.name,
            ...Object.fromEntries(types.map((type) => [type.key, r.byType[type.key] ?? 0])),
          }))}
          dataKey="name"
          series={types.map((type, i) => ({
            name: type.key,
            label: type.name,
            color: TYPE_COLORS[i % TYPE_COLORS.length]!,
          }))}
          valueFormatter={(v) => fmt.number(v)}
        />
      ) : null}
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing={6} highlightOnHover data-testid="conversion-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{report.groupBy === 'team' ? t('conversion.team') : t('conversion.person')}</Table.Th>
              <Table.Th ta="right">{t('conversion.activities')}</Table.Th>
              {types.map((type) => (
                <Table.Th key={type.key} ta="right">
                  {/* "E-Mail" breaks between words, not at its hyphen */}
                  {type.name.replace(/-/g, '\u2011')}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('conversion.wonDeals')}</Table.Th>
              <Table.Th ta="right">{t('conversion.revenue')}</Table.Th>
              <Table.Th ta="right">{t('conversion.perWonDeal')}</Table.Th>
              <Table.Th ta="right">{t('conversion.revenuePerActivity')}</Table.Th>
              <Table.Th ta="right">{t('conversion.linkedPerWonDeal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.map((r) => (
              <Table.Tr key={r.id} data-testid="conversion-row" data-id={r.id}>
                <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {r.name}
                </Table.Td>
                <FigureCells f={r} types={types} />
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700} data-testid="conversion-total">
              <Table.Td>{t('conversion.total')}</Table.Td>
              <FigureCells f={report.total} types={types} />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {report.deals.length > 0 ? (
        <div>
          <Text fw={600} mb="xs">
            {t('conversion.dealsTitle')}
          </Text>
          <Table verticalSpacing={4} data-testid="conversion-deals">
            <Table.Tbody>
              {report.deals.slice(0, DEALS_SHOWN).map((d) => (
                <Table.Tr
                  key={d.dealId}
                  data-testid="conversion-deal"
                  data-deal-id={d.dealId}
                  data-activities={d.activities}
                >
                  <Table.Td>
                    <Anchor component={Link} to={`/deals/${d.dealId}`} size="sm">
                      {d.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.ownerName ?? '—'}</Table.Td>
                  <Table.Td>{fmt.date(d.wonAt)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {fmt.money(d.amountCents, report.currency)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {t('conversion.dealActivities', { count: d.activities })}
                    {d.activities > 0
                      ? ` (${types
                          .filter((type) => d.byType[type.key])
                          .map((type) => `${d.byType[type.key]} ${type.name}`)
                          .join(', ')})`
                      : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      ) : null}
    </Stack>
  );
}

/** How activities turn into revenue, per person or team, for the page's period and filters. */
export function ActivityConversionReportView({
  filters,
}: {
  filters: Omit<ActivityConversionFilters, 'groupBy'>;
}) {
  const { t } = useTranslation('reports');
  const fmt = useFormat();
  const [groupBy, setGroupBy] = useState<ConversionGroupBy>('person');
  const query = useActivityConversionReport({ ...filters, groupBy });
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      data-testid="activity-conversion-report"
      data-loading={query.isFetching ? 'true' : 'false'}
    >
      <Group justify="space-between" mb="md" align="flex-start">
        <div>
          <Title order={3}>{t('conversion.title')}</Title>
          <Text size="sm" c="dimmed">
            {query.data
              ? t('conversion.description', { from: fmt.date(query.data.from), to: fmt.date(query.data.to) })
              : null}
          </Text>
        </div>
        <Group gap="sm">
          {query.isFetching ? <Loader size="sm" /> : null}
          <SegmentedControl
            value={groupBy}
            onChange={(value) => setGroupBy(value === 'team' ? 'team' : 'person')}
            data={[
              { value: 'person', label: t('conversion.byPerson') },
              { value: 'team', label: t('conversion.byTeam') },
            ]}
            data-testid="conversion-group-by"
          />
        </Group>
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <ConversionBody report={query.data} />
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </Card>
  );
}

/** The dashboard's card: this quarter's activities, won deals and what one activity brought in. */
export function ActivityConversionMini() {
  const { t } = useTranslation('reports');
  const fmt = useFormat();
  const show = useFigures();
  const query = useActivityConversionReport({ ownerId: '', teamId: '', from: '', to: '', groupBy: 'person' });
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) {
    return (
      <Center h={120}>
        <Loader size="sm" />
      </Center>
    );
  }
  const total = query.data.total;
  return (
    <Stack gap="xs" data-testid="conversion-mini">
      <Text size="sm" c="dimmed">
        {t('conversion.miniHint', { from: fmt.date(query.data.from), to: fmt.date(query.data.to) })}
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        <Stat
          label={t('conversion.activities')}
          value={fmt.number(total.activities)}
          testId="conversion-mini-activities"
        />
        <Stat
          label={t('conversion.wonDeals')}
          value={fmt.number(total.wonDeals)}
          hint={fmt.money(total.wonCents, query.data.currency)}
          testId="conversion-mini-won"
        />
        <Stat
          label={t('conversion.perWonDeal')}
          value={show.ratio(total.activitiesPerWonDeal)}
          testId="conversion-mini-per-won-deal"
        />
        <Stat
          label={t('conversion.revenuePerActivity')}
          value={show.money(total.revenuePerActivityCents)}
          testId="conversion-mini-revenue-per-activity"
        />
      </SimpleGrid>
    </Stack>
  );
}
