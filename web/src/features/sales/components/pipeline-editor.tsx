import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowDown,
  IconArrowUp,
  IconPlus,
  IconStar,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreatePipeline,
  type Pipeline,
  type StageKind,
  UpdatePipeline,
} from '../../../../../contracts/sales';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { ApiError, isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useCreatePipeline, useUpdatePipeline } from '../api/pipelines-api';
import { kindOptions } from './options';
import {
  fromPipeline,
  newPipelineValues,
  type PipelineValues,
  type StageValues,
  stageKey,
  stagesInput,
  translateErrors,
} from './pipeline-values';

/**
 * Edits a pipeline: its name, the default flag, and the stages — add, rename, reorder, probability
 * and kind (open stages first, then won, then lost). Saving sends the complete stage list; the
 * server refuses to remove a stage (or change its kind) while deals are in it.
 */
export function PipelineEditor({
  pipeline,
  onSaved,
  onCancel,
  onReload,
}: {
  /** Without: a new pipeline. */
  pipeline?: Pipeline;
  onSaved?: (pipeline: Pipeline) => void;
  onCancel?: () => void;
  onReload?: () => Promise<unknown>;
}) {
  const { t } = useTranslation('sales');
  const notify = useNotify();
  const form = useForm<PipelineValues>(pipeline ? fromPipeline(pipeline) : newPipelineValues(t));
  const create = useCreatePipeline();
  const update = useUpdatePipeline();
  const [conflict, setConflict] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [makeDefault, setMakeDefault] = useState(false);
  const saving = create.isPending || update.isPending;
  const stages = form.values.stages;
  const errors = translateErrors(form.errors, t);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a refetched pipeline replaces an untouched form
  useEffect(() => {
    if (pipeline && !form.isDirty) form.reset(fromPipeline(pipeline));
  }, [pipeline?.version]);

  const setStages = (next: StageValues[]) => {
    setServerError(null);
    form.setFieldValue('stages', next);
  };
  const patchStage = (k: string, patch: Partial<StageValues>) =>
    setStages(stages.map((s) => (s.key === k ? { ...s, ...patch } : s)));
  const moveStage = (index: number, by: number) => {
    const next = [...stages];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    setStages(next);
  };
  const addStage = () => {
    // new open stages go after the last open stage
    const lastOpen = stages.map((s) => s.kind).lastIndexOf('open');
    const next = [...stages];
    next.splice(lastOpen + 1, 0, { key: stageKey(), name: '', probability: 50, kind: 'open' });
    setStages(next);
  };

  const onError = (err: unknown) => {
    if (isConflict(err)) {
      setConflict(true);
      return;
    }
    if (err instanceof ApiError && err.problem.code === 'sales.stage_has_deals' && pipeline) {
      const kept = new Map(stages.filter((s) => s.id).map((s) => [s.id, s]));
      const blocked = pipeline.stages
        .filter((s) => !kept.has(s.id) || kept.get(s.id)?.kind !== s.kind)
        .map((s) => `„${s.name}“`);
      setServerError(t('pipelines.stageHasDeals', { stages: blocked.join(', ') }));
      return;
    }
    if (!form.setServerErrors(err)) setServerError(errorMessage(err, t));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setServerError(null);
    if (pipeline) {
      const body = form.validate(UpdatePipeline, {
        version: pipeline.version,
        ...(form.values.name !== pipeline.name ? { name: form.values.name } : {}),
        ...(makeDefault ? { isDefault: true } : {}),
        stages: stagesInput(stages),
      });
      if (!body) return;
      update.mutate(
        { id: pipeline.id, ...body },
        {
          onSuccess: (saved) => {
            form.reset(fromPipeline(saved));
            setMakeDefault(false);
            notify.success(t('pipelines.saved', { name: saved.name }));
            onSaved?.(saved);
          },
          onError,
        },
      );
      return;
    }
    const body = form.validate(CreatePipeline, {
      name: form.values.name,
      isDefault: makeDefault,
      stages: stagesInput(stages),
    });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (saved) => {
        notify.success(t('pipelines.created', { name: saved.name }));
        onSaved?.(saved);
      },
      onError,
    });
  };

  const reload = async () => {
    const fresh = (await onReload?.()) as { data?: Pipeline[] } | undefined;
    const next = fresh?.data?.find((p) => p.id === pipeline?.id);
    if (next) form.reset(fromPipeline(next));
    setConflict(false);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="pipeline-editor">
      <Stack gap="md">
        {conflict ? <ConflictAlert onReload={() => void reload()} /> : null}
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('pipelines.name')}
            required
            style={{ flex: '1 1 260px' }}
            data-testid="pipeline-name"
            {...form.getInputProps('name')}
          />
          {pipeline?.isDefault ? (
            <Badge color="yellow" variant="light" leftSection={<IconStar size={12} />} size="lg">
              {t('pipelines.isDefault')}
            </Badge>
          ) : (
            <Button
              variant={makeDefault ? 'filled' : 'default'}
              color={makeDefault ? 'yellow' : undefined}
              leftSection={<IconStar size={16} />}
              onClick={() => setMakeDefault((x) => !x)}
              aria-pressed={makeDefault}
              data-testid="pipeline-make-default"
            >
              {makeDefault ? t('pipelines.willBeDefault') : t('pipelines.makeDefault')}
            </Button>
          )}
        </Group>

        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('pipelines.stages')}
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            {t('pipelines.stagesHint')}
          </Text>
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing={4} withRowBorders={false} data-testid="pipeline-stages">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{t('pipelines.order')}</Table.Th>
                  <Table.Th>{t('pipelines.stageName')}</Table.Th>
                  <Table.Th w={130}>{t('pipelines.probability')}</Table.Th>
                  <Table.Th w={160}>{t('pipelines.kind')}</Table.Th>
                  <Table.Th w={44} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stages.map((stage, i) => (
                  <Table.Tr key={stage.key} data-testid="pipeline-stage" style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap" pt={4}>
                        <ActionIcon
                          variant="subtle"
                          size="sm"
                          disabled={i === 0}
                          onClick={() => moveStage(i, -1)}
                          aria-label={t('pipelines.moveUp', { name: stage.name || i + 1 })}
                          data-testid="pipeline-stage-up"
                        >
                          <IconArrowUp size={14} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          size="sm"
                          disabled={i === stages.length - 1}
                          onClick={() => moveStage(i, 1)}
                          aria-label={t('pipelines.moveDown', { name: stage.name || i + 1 })}
                          data-testid="pipeline-stage-down"
                        >
                          <IconArrowDown size={14} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('pipelines.stageNameOf', { n: i + 1 })}
                        value={stage.name}
                        onChange={(e) => patchStage(stage.key, { name: e.currentTarget.value })}
                        error={errors[`stages.${i}.name`]}
                        data-testid="pipeline-stage-name"
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('pipelines.probabilityOf', { n: i + 1 })}
                        value={stage.probability}
                        onChange={(v) => patchStage(stage.key, { probability: v })}
                        min={0}
                        max={100}
                        allowDecimal={false}
                        rightSection={<Text size="xs">%</Text>}
                        disabled={stage.kind !== 'open'}
                        error={errors[`stages.${i}.probability`]}
                        data-testid="pipeline-stage-probability"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('pipelines.kindOf', { n: i + 1 })}
                        data={kindOptions(t)}
                        value={stage.kind}
                        onChange={(v) => {
                          const kind = (v ?? 'open') as StageKind;
                          patchStage(stage.key, {
                            kind,
                            probability: kind === 'won' ? 100 : kind === 'lost' ? 0 : stage.probability,
                          });
                        }}
                        allowDeselect={false}
                        error={errors[`stages.${i}.kind`]}
                        data-testid="pipeline-stage-kind"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={t('pipelines.removeStage')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          mt={4}
                          onClick={() => setStages(stages.filter((s) => s.key !== stage.key))}
                          aria-label={t('pipelines.removeStageOf', { name: stage.name || i + 1 })}
                          data-testid="pipeline-stage-remove"
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {errors.stages ? (
            <Text size="sm" c="red" mt={4} data-testid="pipeline-stages-error">
              {errors.stages}
            </Text>
          ) : null}
          <Button
            variant="light"
            size="xs"
            mt="xs"
            leftSection={<IconPlus size={14} />}
            onClick={addStage}
            data-testid="pipeline-stage-add"
          >
            {t('pipelines.addStage')}
          </Button>
        </div>

        {serverError ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="pipeline-error">
            {serverError}
          </Alert>
        ) : null}

        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
          ) : (
            <Button
              variant="default"
              onClick={() => {
                form.reset();
                setMakeDefault(false);
                setServerError(null);
              }}
              disabled={(!form.isDirty && !makeDefault) || saving}
            >
              {t('common:actions.discard')}
            </Button>
          )}
          <Button
            type="submit"
            loading={saving}
            disabled={conflict || (pipeline ? !form.isDirty && !makeDefault : false)}
            data-testid="pipeline-save"
          >
            {pipeline ? t('common:actions.save') : t('pipelines.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
