import {
  Accordion,
  Alert,
  Button,
  Card,
  CopyButton,
  Group,
  List,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalendarShare, IconCheck, IconCopy, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from '../api/calendar-api';

const APPS = ['google', 'outlook', 'thunderbird'] as const;

/**
 * The personal iCal subscription: create the secret URL (shown once, since only its hash is kept),
 * copy it, make a new one (the old one stops working) or revoke it; how to subscribe in common apps.
 */
export function CalendarSubscriptionCard() {
  const { t } = useTranslation('calendar');
  const fmt = useFormat();
  const notify = useNotify();
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'regenerate' | 'revoke' | null>(null);
  const active = feed.data?.active ?? false;

  const makeUrl = () =>
    create.mutate(undefined, {
      onSuccess: (created) => {
        setUrl(created.url ?? null);
        setConfirm(null);
        notify.success(t('feed.created'));
      },
      onError: (err) => notify.error(errorMessage(err, t)),
    });
  const revokeUrl = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setUrl(null);
        setConfirm(null);
        notify.success(t('feed.revoked'));
      },
      onError: (err) => notify.error(errorMessage(err, t)),
    });

  return (
    <Card withBorder radius="md" padding="lg" data-testid="calendar-subscription">
      <Group gap="xs" mb="xs">
        <IconCalendarShare size={20} />
        <Title order={4}>{t('feed.title')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('feed.description')}
      </Text>
      {feed.isError ? <QueryError error={feed.error} onRetry={() => void feed.refetch()} /> : null}
      <Stack gap="sm">
        {active && feed.data ? (
          <Text size="sm" data-testid="calendar-feed-status">
            {t('feed.activeSince', { date: fmt.dateTime(feed.data.createdAt ?? '') })}{' '}
            {feed.data.lastUsedAt
              ? t('feed.lastUsed', { when: fmt.relative(feed.data.lastUsedAt) })
              : t('feed.neverUsed')}
          </Text>
        ) : (
          <Text size="sm" data-testid="calendar-feed-status">
            {t('feed.inactive')}
          </Text>
        )}
        {url ? (
          <Alert color="teal" variant="light" title={t('feed.urlTitle')}>
            <Stack gap="xs">
              {/* the card is narrow beside the agenda: the button goes below rather than squeeze the link */}
              <Group gap="xs" wrap="wrap">
                <TextInput
                  value={url}
                  readOnly
                  style={{ flex: '1 1 240px' }}
                  onFocus={(e) => e.currentTarget.select()}
                  aria-label={t('feed.urlTitle')}
                  data-testid="calendar-feed-url"
                />
                <CopyButton value={url}>
                  {({ copied, copy }) => (
                    <Button
                      variant={copied ? 'filled' : 'light'}
                      color={copied ? 'teal' : undefined}
                      leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                      onClick={copy}
                      data-testid="calendar-feed-copy"
                    >
                      {copied ? t('feed.copied') : t('feed.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="xs">{t('feed.onlyOnce')}</Text>
            </Stack>
          </Alert>
        ) : null}
        <Group gap="sm">
          {active ? (
            <>
              <Button
                variant="light"
                leftSection={<IconRefresh size={16} />}
                onClick={() => setConfirm('regenerate')}
                data-testid="calendar-feed-regenerate"
              >
                {t('feed.regenerate')}
              </Button>
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => setConfirm('revoke')}
                data-testid="calendar-feed-revoke"
              >
                {t('feed.revoke')}
              </Button>
            </>
          ) : (
            <Button
              leftSection={<IconCalendarShare size={16} />}
              onClick={makeUrl}
              loading={create.isPending}
              disabled={feed.isPending}
              data-testid="calendar-feed-create"
            >
              {t('feed.create')}
            </Button>
          )}
        </Group>
        <Accordion variant="contained" data-testid="calendar-feed-help">
          {APPS.map((app) => (
            <Accordion.Item key={app} value={app}>
              <Accordion.Control>{t(`feed.help.${app}.title`)}</Accordion.Control>
              <Accordion.Panel>
                <List type="ordered" size="sm" spacing={4}>
                  {(t(`feed.help.${app}.steps`, { returnObjects: true }) as string[]).map((step) => (
                    <List.Item key={step}>{step}</List.Item>
                  ))}
                </List>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
        <Text size="xs" c="dimmed">
          {t('feed.refreshNote')}
        </Text>
      </Stack>
      <ConfirmDialog
        opened={confirm === 'regenerate'}
        title={t('feed.regenerateTitle')}
        message={t('feed.regenerateMessage')}
        confirmLabel={t('feed.regenerate')}
        loading={create.isPending}
        onConfirm={makeUrl}
        onCancel={() => setConfirm(null)}
      />
      <ConfirmDialog
        opened={confirm === 'revoke'}
        title={t('feed.revokeTitle')}
        message={t('feed.revokeMessage')}
        confirmLabel={t('feed.revoke')}
        danger
        loading={revoke.isPending}
        onConfirm={revokeUrl}
        onCancel={() => setConfirm(null)}
      />
    </Card>
  );
}
