import { Alert, Button, Card, Group, Loader, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchasingSettings } from '../../../../../contracts/purchasing';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { TeamPicker } from '../../../components/record-pickers';
import { isConflict } from '../../../lib/api';
import { usePurchasingSettings, useUpdatePurchasingSettings } from '../api/settings-api';
import { purchasingErrorMessage } from './purchasing-errors';

type Values = Pick<PurchasingSettings, 'autoDraft' | 'countPipelineDemand' | 'followUpTeamId'>;

const valuesOf = (s: PurchasingSettings): Values => ({
  autoDraft: s.autoDraft,
  countPipelineDemand: s.countPipelineDemand,
  followUpTeamId: s.followUpTeamId,
});

/** Purchasing settings: automatic drafts, pipeline demand in the projection, the follow-up team. */
export function PurchasingSettingsForm() {
  const { t } = useTranslation('purchasing');
  const notify = useNotify();
  const query = usePurchasingSettings();
  const save = useUpdatePurchasingSettings();
  const [values, setValues] = useState<Values | null>(null);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const settings = query.data;
  useEffect(() => {
    if (settings) setValues(valuesOf(settings));
  }, [settings]);

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!settings || !values) return <Loader />;
  const dirty = JSON.stringify(values) !== JSON.stringify(valuesOf(settings));

  const submit = async () => {
    setError(null);
    try {
      await save.mutateAsync({ version: settings.version, ...values });
      notify.success(t('settings.saved'));
    } catch (err) {
      if (isConflict(err)) setConflict(true);
      else setError(purchasingErrorMessage(err, t));
    }
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="purchasing-settings">
      <Title order={4} mb="md">
        {t('settings.title')}
      </Title>
      <Stack gap="md">
        {conflict ? (
          <ConflictAlert
            reloading={query.isFetching}
            onReload={() => void query.refetch().then(() => setConflict(false))}
          />
        ) : null}
        <Switch
          label={t('settings.autoDraft')}
          description={t('settings.autoDraftHint')}
          checked={values.autoDraft}
          onChange={(e) => setValues({ ...values, autoDraft: e.currentTarget.checked })}
          data-testid="purchasing-auto-draft"
        />
        <Switch
          label={t('settings.countPipelineDemand')}
          description={t('settings.countPipelineDemandHint')}
          checked={values.countPipelineDemand}
          onChange={(e) => setValues({ ...values, countPipelineDemand: e.currentTarget.checked })}
          data-testid="purchasing-pipeline-demand"
        />
        <TeamPicker
          label={t('settings.followUpTeam')}
          description={t('settings.followUpTeamHint')}
          placeholder={t('settings.noTeam')}
          value={values.followUpTeamId}
          onChange={(id) => setValues({ ...values, followUpTeamId: id })}
          clearable
          maw={360}
          data-testid="purchasing-follow-up-team"
        />
        {error ? (
          <Alert color="red" data-testid="purchasing-settings-error">
            {error}
          </Alert>
        ) : null}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {dirty ? t('settings.unsaved') : ''}
          </Text>
          <Button
            onClick={() => void submit()}
            loading={save.isPending}
            disabled={!dirty}
            data-testid="purchasing-settings-save"
          >
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
