import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ShownOnceSecret } from '../../../components/shown-once-secret';
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
          <ShownOnceSecret
            name={webhook.name}
            value={webhook.secret}
            warningTitle={t('secret.warningTitle')}
            warning={rotated ? t('secret.rotatedWarning') : t('secret.warning')}
            copyLabel={t('secret.copy')}
            copiedLabel={t('secret.copied')}
            testId="webhook-secret"
            copyTestId="webhook-secret-copy"
          />
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
