import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { WebhookWithSecret } from '../api/webhooks-api';

/** The signing secret after create or rotate: shown this once, with a copy button. */
export function SecretModal({
  webhook,
  rotated,
  onClose,
}: {
  webhook: WebhookWithSecret | null;
  rotated: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('webhooks');
  return (
    <Modal
      opened={webhook !== null}
      onClose={onClose}
      title={t('secret.title')}
      closeOnClickOutside={false}
      size="lg"
      data-testid="webhook-secret-modal"
    >
      {webhook ? (
        <Stack gap="md">
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('secret.warningTitle')}>
            {rotated ? t('secret.rotatedWarning') : t('secret.warning')}
          </Alert>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {webhook.name}
            </Text>
            <Group gap="xs" wrap="nowrap" align="center">
              <Code
                block
                style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
                data-testid="webhook-secret"
              >
                {webhook.secret}
              </Code>
              <CopyButton value={webhook.secret} timeout={2000}>
                {({ copied, copy }) => (
                  <Button
                    variant={copied ? 'filled' : 'light'}
                    color={copied ? 'teal' : undefined}
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    onClick={copy}
                    data-testid="webhook-secret-copy"
                  >
                    {copied ? t('secret.copied') : t('secret.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
          <Text size="sm" c="dimmed">
            {t('secret.howTo')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="webhook-secret-done">
              {t('secret.done')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
