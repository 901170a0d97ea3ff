import {
  ActionIcon,
  Badge,
  Code,
  Paper,
  ScrollArea,
  Skeleton,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { type ApiTokenItem, useApiTokens, useRevokeApiToken, useTokenOwners } from '../api/api-tokens-api';
import { TokenScopes } from './token-scopes';

/** The user's API tokens (an admin sees everybody's, with the owner), with revoke. */
export function ApiTokensList({
  currentUserId,
  canReadUsers,
}: {
  currentUserId: string;
  canReadUsers: boolean;
}) {
  const { t } = useTranslation('tokens');
  const fmt = useFormat();
  const notify = useNotify();
  const query = useApiTokens();
  const revoke = useRevokeApiToken();
  const [toRevoke, setToRevoke] = useState<ApiTokenItem | null>(null);

  const tokens = query.data?.pages.flatMap((p) => p.items) ?? [];
  const showOwner = tokens.some((token) => token.userId !== currentUserId);
  const owners = useTokenOwners(showOwner && canReadUsers);
  const now = Date.now();

  const ownerName = (token: ApiTokenItem) =>
    token.userId === currentUserId
      ? t('you')
      : (owners.data?.get(token.userId) ?? `#${token.userId.slice(-6)}`);

  const confirmRevoke = () => {
    if (!toRevoke) return;
    const name = toRevoke.name;
    revoke.mutate(toRevoke.id, {
      onSuccess: () => {
        notify.success(t('revoke.done', { name }));
        setToRevoke(null);
      },
      onError: (err) => {
        notify.error(errorMessage(err, t));
        setToRevoke(null);
      },
    });
  };

  return (
    <Paper withBorder radius="md" p="md">
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ScrollArea>
          <Table verticalSpacing="sm" data-testid="tokens-table" miw={880}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('fields.prefix')}</Table.Th>
                <Table.Th>{t('fields.scopes')}</Table.Th>
                {showOwner ? <Table.Th>{t('fields.owner')}</Table.Th> : null}
                <Table.Th>{t('fields.createdAt')}</Table.Th>
                <Table.Th>{t('fields.lastUsedAt')}</Table.Th>
                <Table.Th>{t('fields.expiresAt')}</Table.Th>
                <Table.Th w={60}>
                  <VisuallyHidden>{t('revoke.action')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending
                ? Array.from({ length: 2 }, (_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton rows
                    <Table.Tr key={i}>
                      <Table.Td colSpan={8}>
                        <Skeleton height={18} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                : tokens.map((token) => {
                    const expired = token.expiresAt !== null && Date.parse(token.expiresAt) < now;
                    return (
                      <Table.Tr
                        key={token.id}
                        data-testid="token-row"
                        data-token-id={token.id}
                        data-name={token.name}
                      >
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {token.name}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Code>{token.prefix}…</Code>
                        </Table.Td>
                        <Table.Td>
                          <TokenScopes scopes={token.scopes} />
                        </Table.Td>
                        {showOwner ? (
                          <Table.Td>
                            <Text size="sm">{ownerName(token)}</Text>
                          </Table.Td>
                        ) : null}
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Text size="sm">{fmt.date(token.createdAt)}</Text>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {token.lastUsedAt ? (
                            <Tooltip label={fmt.dateTime(token.lastUsedAt)}>
                              <Text size="sm" w="fit-content">
                                {fmt.relative(token.lastUsedAt)}
                              </Text>
                            </Tooltip>
                          ) : (
                            <Text size="sm" c="dimmed">
                              {t('never')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {token.expiresAt ? (
                            expired ? (
                              <Badge color="red" variant="light">
                                {t('expiredOn', { date: fmt.date(token.expiresAt) })}
                              </Badge>
                            ) : (
                              <Text size="sm">{fmt.date(token.expiresAt)}</Text>
                            )
                          ) : (
                            <Text size="sm" c="dimmed">
                              {t('noExpiry')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Tooltip label={t('revoke.action')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('revoke.action')}
                              onClick={() => setToRevoke(token)}
                              data-testid="token-revoke"
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
            </Table.Tbody>
          </Table>
          {!query.isPending && tokens.length === 0 ? (
            <EmptyState title={t('empty.title')}>{t('empty.hint')}</EmptyState>
          ) : null}
        </ScrollArea>
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        testId="tokens-load-more"
      />
      <ConfirmDialog
        opened={toRevoke !== null}
        title={t('revoke.title')}
        message={t('revoke.message', { name: toRevoke?.name ?? '' })}
        confirmLabel={t('revoke.confirm')}
        danger
        loading={revoke.isPending}
        onConfirm={confirmRevoke}
        onCancel={() => setToRevoke(null)}
      />
    </Paper>
  );
}
