import { Alert, Button, Card, Center, Group, Loader, Stack, Switch, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { isConflict } from '../../../lib/api';
import { useInventorySettings, useUpdateInventorySettings } from '../api/inventory-api';
import { stockErrorMessage } from './stock-errors';

/** The stock rules: back orders allowed, delivery when an invoice is issued. */
export function InventorySettingsForm() {
  const { t } = useTranslation('inventory');
  const notify = useNotify();
  const query = useInventorySettings();
  const save = useUpdateInventorySettings();
  const settings = query.data;
  const [allowBackOrders, setAllowBackOrders] = useState(false);
  const [deliverOnInvoiceIssue, setDeliverOnInvoiceIssue] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: start over when a new version is loaded
  useEffect(() => {
    if (settings) {
      setAllowBackOrders(settings.allowBackOrders);
      setDeliverOnInvoiceIssue(settings.deliverOnInvoiceIssue);
    }
  }, [settings?.version]);

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!settings) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  const dirty =
    allowBackOrders !== settings.allowBackOrders || deliverOnInvoiceIssue !== settings.deliverOnInvoiceIssue;

  const submit = async () => {
    setFormError(null);
    try {
      await save.mutateAsync({
        version: settings.version,
        ...(allowBackOrders !== settings.allowBackOrders ? { allowBackOrders } : {}),
        ...(deliverOnInvoiceIssue !== settings.deliverOnInvoiceIssue ? { deliverOnInvoiceIssue } : {}),
      });
      notify.success(t('settings.saved'));
    } catch (err) {
      if (isConflict(err)) setConflict(true);
      else setFormError(stockErrorMessage(err, t));
    }
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="inventory-settings">
      <Title order={4} mb="md">
        {t('settings.rules')}
      </Title>
      <Stack gap="md">
        {conflict ? (
          <ConflictAlert
            reloading={query.isFetching}
            onReload={() => void query.refetch().then(() => setConflict(false))}
          />
        ) : null}
        <Switch
          label={t('settings.allowBackOrders')}
          description={t('settings.allowBackOrdersHint')}
          checked={allowBackOrders}
          onChange={(e) => setAllowBackOrders(e.currentTarget.checked)}
          data-testid="settings-allow-back-orders"
        />
        <Switch
          label={t('settings.deliverOnInvoiceIssue')}
          description={t('settings.deliverOnInvoiceIssueHint')}
          checked={deliverOnInvoiceIssue}
          onChange={(e) => setDeliverOnInvoiceIssue(e.currentTarget.checked)}
          data-testid="settings-deliver-on-issue"
        />
        {formError ? (
          <Alert color="red" data-testid="inventory-settings-error">
            {formError}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button
            variant="default"
            disabled={!dirty}
            onClick={() => {
              setAllowBackOrders(settings.allowBackOrders);
              setDeliverOnInvoiceIssue(settings.deliverOnInvoiceIssue);
            }}
          >
            {t('common:actions.discard')}
          </Button>
          <Button
            onClick={() => void submit()}
            loading={save.isPending}
            disabled={!dirty}
            data-testid="inventory-settings-save"
          >
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
