import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRefresh, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Shown when a save answered 409: somebody else changed the record since it was loaded. */
export function ConflictAlert({ onReload, reloading }: { onReload: () => void; reloading?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      icon={<IconUsers size={18} />}
      title={t('conflict.title')}
      data-testid="conflict-alert"
    >
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">{t('conflict.message')}</Text>
        <Button
          size="xs"
          variant="light"
          color="orange"
          leftSection={<IconRefresh size={14} />}
          onClick={onReload}
          loading={reloading}
          data-testid="conflict-reload"
        >
          {t('conflict.reload')}
        </Button>
      </Group>
    </Alert>
  );
}
