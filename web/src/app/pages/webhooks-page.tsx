import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Webhook, WebhookWithSecret } from '../../../../contracts/webhooks';
import { PageHeader } from '../../components/page-header';
import { DeliveriesDrawer, SecretModal, WebhookFormModal, WebhooksList } from '../../features/webhooks';
import { RequirePermission } from '../require-permission';

/** /admin/webhooks: outside systems hear about changes through signed deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  // undefined: the form is closed; null: a new webhook; else the one edited
  const [editing, setEditing] = useState<Webhook | null | undefined>(undefined);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<{ hook: WebhookWithSecret; rotated: boolean } | null>(null);

  return (
    <RequirePermission permission="webhooks.manage">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing(null)}
            data-testid="webhook-create"
          >
            {t('actions.create')}
          </Button>
        }
      />
      <WebhooksList
        onEdit={setEditing}
        onShowLog={setLogOf}
        onSecret={(hook) => setSecret({ hook, rotated: true })}
      />
      <WebhookFormModal
        opened={editing !== undefined}
        webhook={editing ?? null}
        onClose={() => setEditing(undefined)}
        onCreated={(hook) => setSecret({ hook, rotated: false })}
      />
      <SecretModal
        webhook={secret?.hook ?? null}
        rotated={secret?.rotated ?? false}
        onClose={() => setSecret(null)}
      />
      <DeliveriesDrawer webhook={logOf} onClose={() => setLogOf(null)} />
    </RequirePermission>
  );
}
