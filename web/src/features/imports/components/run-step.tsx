import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconDownload, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Import, ImportRowIssue } from '../../../../../contracts/imports';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { isRunning, rejectedCsvUrl, useImport, useImportRows, useStartImport } from '../api/imports-api';

const LIST_PATH = {
  companies: '/companies',
  contacts: '/contacts',
  deals: '/deals',
  products: '/products',
} as const;

function Figure({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  const fmt = useFormat();
  return (
    <Stack gap={0} align="center" data-testid={testId} data-value={value}>
      <Text fw={700} size="xl" c={color}>
        {fmt.number(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** Rejected (or skipped) rows with their reasons, 50 at a time. */
function RowIssues({ imp, outcome }: { imp: Import; outcome: 'rejected' | 'skipped' }) {
  const { t } = useTranslation('imports');
  const rows = useImportRows(imp.id, outcome, true);
  const items: ImportRowIssue[] = rows.data?.pages.flatMap((p) => p.items) ?? [];
  if (rows.isError) return <QueryError error={rows.error} onRetry={() => void rows.refetch()} />;
  if (!items.length) return rows.isLoading ? <Loader size="sm" /> : null;
  return (
    <Stack gap="xs">
      <Text fw={600}>{t(outcome === 'rejected' ? 'result.rejectedTitle' : 'result.skippedTitle')}</Text>
      <Table fz="sm" striped withTableBorder data-testid={`import-${outcome}-rows`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('result.row')}</Table.Th>
            <Table.Th>{t('result.reasons')}</Table.Th>
            {outcome === 'rejected' ? <Table.Th>{t('result.values')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.row} data-testid={`import-${outcome}-row`} data-row={r.row}>
              <Table.Td>{r.row}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {r.reasons.map((reason) => (
                    <Text key={`${reason.field}:${reason.message}`} size="sm">
                      <Text span fw={500}>
                        {reason.column ?? t(`fields.${reason.field}`, { defaultValue: reason.field })}
                      </Text>
                      {': '}
                      {reason.message}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              {outcome === 'rejected' ? (
                <Table.Td c="dimmed" style={{ maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  <Text size="xs" truncate="end">
                    {(r.values ?? []).join(' · ')}
                  </Text>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.hasNextPage ? (
        <Button
          variant="subtle"
          size="xs"
          onClick={() => void rows.fetchNextPage()}
          loading={rows.isFetchingNextPage}
        >
          {t('result.more')}
        </Button>
      ) : null}
    </Stack>
  );
}

/** The finished import: counts, the rejected rows with reasons and the file of them to fix. */
function ImportResult({ imp, onAnother }: { imp: Import; onAnother: () => void }) {
  const { t } = useTranslation('imports');
  const fmt = useFormat();
  const restart = useStartImport();
  const done = imp.status === 'done';
  const [showSkipped, setShowSkipped] = useState(false);
  return (
    <Stack gap="md" data-testid="import-result" data-status={imp.status}>
      {done ? (
        <Alert color="teal" icon={<IconCheck size={18} />} title={t('result.done')} />
      ) : (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('result.failed')}>
          <Stack gap="xs">
            <Text size="sm" data-testid="import-error">
              {imp.error}
            </Text>
            {imp.mapping ? (
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  leftSection={<IconRefresh size={14} />}
                  loading={restart.isPending}
                  onClick={() =>
                    restart.mutate({
                      id: imp.id,
                      mapping: imp.mapping!,
                      duplicateMode: imp.duplicateMode ?? 'skip',
                    })
                  }
                >
                  {t('result.restart')}
                </Button>
                {restart.error ? (
                  <Text size="xs" c="red">
                    {errorMessage(restart.error, t)}
                  </Text>
                ) : null}
              </Group>
            ) : null}
          </Stack>
        </Alert>
      )}
      {done ? (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Figure
            label={t('result.created')}
            value={imp.counts.created}
            color="teal"
            testId="import-count-created"
          />
          <Figure
            label={t('result.updated')}
            value={imp.counts.updated}
            color="blue"
            testId="import-count-updated"
          />
          <Figure label={t('result.skipped')} value={imp.counts.skipped} testId="import-count-skipped" />
          <Figure
            label={t('result.rejected')}
            value={imp.counts.rejected}
            color={imp.counts.rejected ? 'red' : undefined}
            testId="import-count-rejected"
          />
        </SimpleGrid>
      ) : null}
      {imp.counts.rejected > 0 ? (
        <>
          <Group gap="xs">
            <Anchor href={rejectedCsvUrl(imp.id)} download data-testid="import-download-rejected">
              <Group gap={4}>
                <IconDownload size={16} />
                {t('result.download')}
              </Group>
            </Anchor>
            <Text size="xs" c="dimmed">
              {t('result.downloadHint')}
            </Text>
          </Group>
          <RowIssues imp={imp} outcome="rejected" />
        </>
      ) : done ? (
        <Text size="sm" c="dimmed">
          {t('result.noRejected')}
        </Text>
      ) : null}
      {done && imp.counts.skipped > 0 ? (
        showSkipped ? (
          <RowIssues imp={imp} outcome="skipped" />
        ) : (
          <Button variant="subtle" size="xs" w="fit-content" onClick={() => setShowSkipped(true)}>
            {t('result.skippedTitle')} ({fmt.number(imp.counts.skipped)})
          </Button>
        )
      ) : null}
      <Group>
        <Button variant="default" onClick={onAnother} data-testid="import-another">
          {t('result.another')}
        </Button>
        {done ? (
          <Button component={Link} to={LIST_PATH[imp.entityType]} variant="light">
            {t(`result.open.${imp.entityType}`)}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

/** Step 3: the progress bar while the server works (polled every second), then the result. */
export function RunStep({ importId, onAnother }: { importId: string; onAnother: () => void }) {
  const { t } = useTranslation('imports');
  const fmt = useFormat();
  const query = useImport(importId);
  const imp = query.data;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!imp) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (isRunning(imp.status) || imp.status === 'uploaded') {
    const { processed, total, percent } = imp.progress;
    return (
      <Stack gap="sm" data-testid="import-running">
        <Group justify="space-between">
          <Group gap="xs">
            <Loader size="xs" />
            <Text fw={500}>{t(imp.status === 'importing' ? 'run.importing' : 'run.validating')}</Text>
            <Badge variant="light">{imp.filename}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {total === null
              ? t('run.processedUnknown', { processed: fmt.number(processed) })
              : t('run.processed', { processed: fmt.number(processed), total: fmt.number(total) })}
          </Text>
        </Group>
        <Progress
          value={percent}
          size="xl"
          striped
          animated
          data-testid="import-progress"
          aria-label={`${percent} %`}
          data-percent={percent}
        />
        <Text size="xs" c="dimmed">
          {t('run.background')}
        </Text>
      </Stack>
    );
  }
  return <ImportResult imp={imp} onAnother={onAnother} />;
}
