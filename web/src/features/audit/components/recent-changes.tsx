import { Anchor, Avatar, Badge, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconRobot } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../../../../../contracts/audit';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useRecentChanges } from '../api/audit-api';
import { actorText } from './history-timeline';

const NAME_FIELDS = ['name', 'title', 'number', 'email'];

/** A readable name of the changed record, when the entry carries one of its naming fields. */
function nameInEntry(entry: AuditEntry): string | null {
  for (const field of NAME_FIELDS) {
    const change = entry.changes.find((c) => c.field === field);
    const value = change?.after ?? change?.before;
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/** Names known from any entry of the list (a create entry names the record that later edits don't). */
function namesFromEntries(entries: AuditEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  // oldest first, so the newest name wins
  for (const entry of [...entries].reverse()) {
    const name = nameInEntry(entry);
    if (name) names.set(`${entry.entityType}:${entry.entityId}`, name);
  }
  return names;
}

export const shortId = (id: string) => `#${id.slice(-6)}`;

export function entityTypeLabel(entityType: string, t: ReturnType<typeof useTranslation>['t']): string {
  const labels = t('audit:entityTypes', { returnObjects: true }) as unknown as Record<string, string>;
  return labels[entityType] ?? entityType;
}

/** The latest changes anywhere, for the dashboard. `getEntityLink` turns an entry into a route. */
export function RecentChanges({
  limit = 10,
  getEntityLink,
  renderEntityName,
}: {
  limit?: number;
  getEntityLink?: (entityType: string, entityId: string) => string | null;
  /** Looks up the name of a record the entries do not name (e.g. an edit of a team's members). */
  renderEntityName?: (entityType: string, entityId: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const query = useRecentChanges(limit);

  if (query.isPending) return <Loader size="sm" />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyState title={t('audit:noRecent')} />;

  const names = namesFromEntries(query.data.items);

  return (
    <Stack gap="sm" data-testid="recent-changes">
      {query.data.items.map((entry) => {
        const actor = actorText(entry, t);
        const known = names.get(`${entry.entityType}:${entry.entityId}`);
        const name: ReactNode =
          entry.entityLabel ??
          known ??
          (renderEntityName ? renderEntityName(entry.entityType, entry.entityId) : shortId(entry.entityId));
        const link =
          entry.action === 'delete' ? null : (getEntityLink?.(entry.entityType, entry.entityId) ?? null);
        return (
          <Group key={entry.id} gap="sm" wrap="nowrap" align="flex-start" data-testid="recent-change">
            {entry.actorName ? (
              <Avatar size="sm" radius="xl" color="initials" name={entry.actorName} />
            ) : (
              <Avatar size="sm" radius="xl" color="gray" aria-label={actor}>
                <IconRobot size={16} />
              </Avatar>
            )}
            <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
              <Group gap={6} wrap="nowrap">
                {link ? (
                  <Anchor component={Link} to={link} size="sm" fw={600} truncate>
                    {name}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={600} truncate>
                    {name}
                  </Text>
                )}
                <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                  {entityTypeLabel(entry.entityType, t)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t(`audit:recent.${entry.action}`, { actor })} ·{' '}
                <Tooltip label={fmt.dateTime(entry.at)} openDelay={300}>
                  <span>{fmt.relative(entry.at)}</span>
                </Tooltip>
              </Text>
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}
