import {
  Anchor,
  Box,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowsJoin,
  IconBriefcase,
  IconNote,
  IconPencil,
  IconPlus,
  IconTimelineEvent,
  IconTrash,
  IconUserPlus,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEntry } from '../../../../../contracts/companies';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { useAddCompanyNote, useCompanyTimeline } from '../api/companies-api';
import { type Option, useOwnerOptions, useSegmentOptions, useTeamOptions } from '../api/lookups-api';
import { countryName } from './options';

const HIDDEN_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'webDomain', 'mergedIntoId']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

type Fmt = ReturnType<typeof useFormat>;
type Lookups = Record<'ownerId' | 'teamId' | 'segmentId', Option[] | undefined>;

/** A field's label where we know it (companies:fields), else the field name made readable. */
export function fieldLabel(field: string, t: TFunction): string {
  const labels = t('companies:fields', { returnObjects: true }) as unknown as Record<string, string>;
  if (typeof labels === 'object' && labels[field]) return labels[field];
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describe(field: string, value: unknown, t: TFunction, fmt: Fmt, lookups: Lookups): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'ownerId' || field === 'teamId' || field === 'segmentId') {
    return lookups[field]?.find((o) => o.value === value)?.label ?? String(value).slice(0, 8);
  }
  if (typeof value === 'boolean') return value ? t('common:yes') : t('common:no');
  if (typeof value === 'number') {
    if (field.endsWith('Cents')) return fmt.money(value, 'EUR');
    if (field === 'paymentTermsDays') return t('companies:paymentTermsValue', { count: value });
    return fmt.number(value);
  }
  if (typeof value === 'string') {
    if (field === 'country') return countryName(value, fmt.locale);
    if (field === 'revenueBand') return t(`companies:revenueBands.${value}`, { defaultValue: value });
    if (field === 'preferredLanguage') return t(`common:languages.${value}`, { defaultValue: value });
    if (DATE.test(value)) return fmt.date(value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return fmt.dateTime(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((item) => {
        if (field === 'roles' && typeof item === 'string')
          return t(`companies:roles.${item}`, { defaultValue: item });
        if (item && typeof item === 'object') {
          const o = item as Record<string, unknown>;
          const main = o.address ?? o.number ?? o.name ?? JSON.stringify(o);
          return o.label ? `${String(main)} (${String(o.label)})` : String(main);
        }
        return String(item);
      })
      .join(', ');
  }
  return JSON.stringify(value);
}

function ChangeTable({
  entry,
  lookups,
}: {
  entry: Extract<TimelineEntry, { kind: 'change' }>;
  lookups: Lookups;
}) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const blank = (v: unknown) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  // a new record lists what it was created with; empty fields say nothing
  const changes = entry.changes.filter(
    (c) => !HIDDEN_FIELDS.has(c.field) && !(entry.action === 'create' && blank(c.after)),
  );
  if (changes.length === 0) return null;
  return (
    <Table mt={4} withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} fz="sm">
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.field} data-testid="timeline-change" data-field={change.field}>
            <Table.Td w="30%" pr="sm" valign="top">
              <Text size="sm" c="dimmed">
                {fieldLabel(change.field, t)}
              </Text>
            </Table.Td>
            <Table.Td valign="top" style={{ wordBreak: 'break-word' }}>
              {entry.action === 'update' ? (
                <Group gap={6} wrap="wrap">
                  <Text span size="sm" c="dimmed" td="line-through">
                    {describe(change.field, change.before, t, fmt, lookups)}
                  </Text>
                  <Text span size="sm" c="dimmed">
                    →
                  </Text>
                  <Text span size="sm">
                    {describe(change.field, change.after, t, fmt, lookups)}
                  </Text>
                </Group>
              ) : (
                <Text span size="sm">
                  {describe(
                    change.field,
                    entry.action === 'delete' ? change.before : change.after,
                    t,
                    fmt,
                    lookups,
                  )}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const isKind = <K extends 'note' | 'change' | 'contact' | 'merge'>(
  entry: TimelineEntry,
  kind: K,
): entry is Extract<TimelineEntry, { kind: K }> => entry.kind === kind;

function entryLook(entry: TimelineEntry): { icon: ReactNode; color: string } {
  if (isKind(entry, 'note')) return { icon: <IconNote size={12} />, color: 'yellow' };
  if (isKind(entry, 'contact')) return { icon: <IconUserPlus size={12} />, color: 'teal' };
  if (isKind(entry, 'merge')) return { icon: <IconArrowsJoin size={12} />, color: 'grape' };
  if (isKind(entry, 'change')) {
    if (entry.action === 'create') return { icon: <IconPlus size={12} />, color: 'teal' };
    if (entry.action === 'delete') return { icon: <IconTrash size={12} />, color: 'red' };
    return { icon: <IconPencil size={12} />, color: 'blue' };
  }
  if (entry.kind.startsWith('deal')) return { icon: <IconBriefcase size={12} />, color: 'indigo' };
  return { icon: <IconTimelineEvent size={12} />, color: 'gray' };
}

function EntryBody({
  entry,
  lookups,
  getLink,
}: {
  entry: TimelineEntry;
  lookups: Lookups;
  getLink?: (type: string, id: string) => string | null;
}) {
  const { t } = useTranslation('companies');
  const actor = entry.actorName ?? t('timeline.system');
  let title: ReactNode;
  let body: ReactNode = null;
  if (isKind(entry, 'note')) {
    title = t('timeline.note', { actor });
    body = (
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
        {entry.note.body}
      </Text>
    );
  } else if (isKind(entry, 'change')) {
    title = t(`timeline.change.${entry.action}`, { actor });
    body = <ChangeTable entry={entry} lookups={lookups} />;
  } else if (isKind(entry, 'contact')) {
    title = (
      <>
        {t('timeline.contact')}{' '}
        <Anchor component={Link} to={`/contacts/${entry.contact.id}`} size="sm">
          {entry.contact.name}
        </Anchor>
      </>
    );
  } else if (isKind(entry, 'merge')) {
    title = (
      <>
        {t('timeline.merge')}{' '}
        <Anchor component={Link} to={`/companies/${entry.merged.id}`} size="sm">
          {entry.merged.name}
        </Anchor>
      </>
    );
  } else {
    // entries other domains contribute (deals, activities, invoices): their own one-line summary
    const ref = 'ref' in entry ? (entry.ref as { type: string; id: string }) : null;
    const link = ref ? getLink?.(ref.type, ref.id) : null;
    title = link ? (
      <Anchor component={Link} to={link} size="sm">
        {entry.summary}
      </Anchor>
    ) : (
      entry.summary
    );
  }
  return (
    <Box data-testid="timeline-entry" data-kind={entry.kind}>
      <Text size="sm" fw={500}>
        {title}
      </Text>
      {body}
    </Box>
  );
}

function AddNote({ companyId }: { companyId: string }) {
  const { t } = useTranslation('companies');
  const notify = useNotify();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useAddCompanyNote();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setError(t('validation:required'));
      return;
    }
    add.mutate(
      { companyId, body: body.trim() },
      {
        onSuccess: () => {
          setBody('');
          notify.success(t('timeline.noteAdded'));
        },
        onError: (err) => setError(errorMessage(err, t)),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          placeholder={t('timeline.notePlaceholder')}
          aria-label={t('timeline.notePlaceholder')}
          autosize
          minRows={2}
          maxRows={8}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e);
          }}
          error={error}
          data-testid="company-note-input"
        />
        <Group justify="flex-end">
          <Button
            type="submit"
            size="xs"
            leftSection={<IconNote size={14} />}
            loading={add.isPending}
            data-testid="company-note-add"
          >
            {t('timeline.addNote')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * What happened with a company, newest first: notes, changes, contacts, merged duplicates and the
 * entries other domains add (deals, activities, invoices), with a box to add a note.
 */
export function CompanyTimeline({
  companyId,
  canWrite,
  getLink,
}: {
  companyId: string;
  canWrite: boolean;
  /** Where another domain's record (`ref`) is shown, if anywhere. */
  getLink?: (type: string, id: string) => string | null;
}) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const [kinds, setKinds] = useState('');
  const query = useCompanyTimeline(companyId, { kinds: kinds || undefined });
  const owners = useOwnerOptions();
  const teams = useTeamOptions();
  const segments = useSegmentOptions();
  const lookups: Lookups = { ownerId: owners.data, teamId: teams.data, segmentId: segments.data };
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Paper withBorder radius="md" p="md" data-testid="company-timeline">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={4}>{t('timeline.title')}</Title>
        <SegmentedControl
          size="xs"
          value={kinds}
          onChange={setKinds}
          data={[
            { value: '', label: t('timeline.filters.all') },
            { value: 'note', label: t('timeline.filters.notes') },
            { value: 'change,merge', label: t('timeline.filters.changes') },
            { value: 'contact', label: t('timeline.filters.contacts') },
          ]}
          data-testid="timeline-filter"
        />
      </Group>
      {canWrite ? <AddNote companyId={companyId} /> : null}
      <Box mt="md">
        {query.isPending ? (
          <Loader size="sm" />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : entries.length === 0 ? (
          <EmptyState title={t('timeline.empty')} />
        ) : (
          <Timeline bulletSize={22} lineWidth={2} active={entries.length}>
            {entries.map((entry) => {
              const look = entryLook(entry);
              return (
                <Timeline.Item key={entry.id} bullet={look.icon} color={look.color}>
                  <EntryBody entry={entry} lookups={lookups} getLink={getLink} />
                  <Tooltip label={fmt.dateTime(entry.at)} openDelay={300}>
                    <Text size="xs" c="dimmed" w="fit-content">
                      {fmt.relative(entry.at)}
                    </Text>
                  </Tooltip>
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
        <LoadMore
          hasMore={Boolean(query.hasNextPage)}
          loading={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
          testId="timeline-load-more"
        />
      </Box>
    </Paper>
  );
}
