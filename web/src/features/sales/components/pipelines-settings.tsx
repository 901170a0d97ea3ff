import { Badge, Button, Card, Grid, Group, NavLink, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconStar } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateLostReason } from '../../../../../contracts/sales';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useCreateLostReason, useLostReasons, usePipelines } from '../api/pipelines-api';
import { PipelineEditor } from './pipeline-editor';

/** The lost reasons people choose from when a deal is lost; administrators add more. */
function LostReasons() {
  const { t } = useTranslation('sales');
  const notify = useNotify();
  const reasons = useLostReasons();
  const create = useCreateLostReason();
  const form = useForm<{ name: string }>({ name: '' });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body = form.validate(CreateLostReason);
    if (!body) return;
    create.mutate(body, {
      onSuccess: (reason) => {
        form.reset({ name: '' });
        notify.success(t('lostReasons.added', { name: reason.name }));
      },
      onError: (err) => {
        if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
      },
    });
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="lost-reasons">
      <Title order={4} mb={4}>
        {t('lostReasons.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('lostReasons.hint')}
      </Text>
      <Group gap={6} mb="md">
        {(reasons.data ?? []).map((r) => (
          <Badge key={r.id} variant="light" color="gray" data-testid="lost-reason-item">
            {r.name}
          </Badge>
        ))}
      </Group>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput
            placeholder={t('lostReasons.newName')}
            aria-label={t('lostReasons.newName')}
            style={{ flex: 1 }}
            data-testid="lost-reason-name"
            {...form.getInputProps('name')}
          />
          <Button type="submit" variant="light" loading={create.isPending} data-testid="lost-reason-add">
            {t('lostReasons.add')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

/** Pipelines administration: choose a pipeline on the left, edit it on the right; add pipelines. */
export function PipelinesSettings({
  selectedId,
  onSelect,
}: {
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation('sales');
  const pipelines = usePipelines();
  const [creating, setCreating] = useState(false);

  if (pipelines.isError)
    return <QueryError error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  const list = pipelines.data ?? [];
  const current = creating ? null : (list.find((p) => p.id === selectedId) ?? list[0] ?? null);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Stack gap={4} data-testid="pipelines-list">
          {list.map((p) => (
            <NavLink
              key={p.id}
              label={p.name}
              description={t('pipelines.stageCount', { count: p.stages.length })}
              active={!creating && current?.id === p.id}
              onClick={() => {
                setCreating(false);
                onSelect(p.id);
              }}
              rightSection={p.isDefault ? <IconStar size={14} color="var(--mantine-color-yellow-6)" /> : null}
              variant="light"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
              data-testid="pipeline-item"
              data-name={p.name}
            />
          ))}
          <Button
            variant="subtle"
            leftSection={<IconPlus size={16} />}
            justify="flex-start"
            onClick={() => setCreating(true)}
            data-testid="pipeline-create"
          >
            {t('pipelines.new')}
          </Button>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9 }}>
        <Stack gap="lg">
          <Card withBorder radius="md" padding="lg">
            <Title order={4} mb="md">
              {creating ? t('pipelines.new') : (current?.name ?? '')}
            </Title>
            {creating ? (
              <PipelineEditor
                key="new"
                onCancel={() => setCreating(false)}
                onSaved={(saved) => {
                  setCreating(false);
                  onSelect(saved.id);
                }}
              />
            ) : current ? (
              <PipelineEditor key={current.id} pipeline={current} onReload={() => pipelines.refetch()} />
            ) : null}
          </Card>
          <LostReasons />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
