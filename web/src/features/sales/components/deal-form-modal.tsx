import {
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateDeal, type DealDetail, UpdateDeal } from '../../../../../contracts/sales';
import { ConflictAlert } from '../../../components/conflict-alert';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { useNotify } from '../../../components/notifications';
import { CompanyPicker, ContactPicker, TeamPicker, UserPicker } from '../../../components/record-pickers';
import { isConflict } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useCreateDeal, useUpdateDeal } from '../api/deals-api';
import { usePipelines } from '../api/pipelines-api';
import { type DealFormValues, emptyDealValues, sameLines, valuesFromDeal } from './deal-form-values';
import { emptyLine, linesToInput, previewTotalCents, toCents } from './line-values';
import { LinesEditor } from './lines-editor';
import { pipelineOptions, sourceOptions } from './options';

/**
 * Creates a deal or edits one: title, company and contact, owner and team, source, expected close
 * date, pipeline and stage, and either a plain amount or lines (with the live total). Validated with
 * the contract's schema; an edit sends the changed fields with the version it loaded.
 */
export function DealFormModal({
  opened,
  onClose,
  deal,
  defaults,
  onSaved,
  onReload,
}: {
  opened: boolean;
  onClose: () => void;
  /** The deal to edit; without, a new deal is created. */
  deal?: DealDetail;
  /** Preset values of a new deal (the board's pipeline, a company's page). */
  defaults?: Partial<Pick<DealFormValues, 'pipelineId' | 'stageId' | 'companyId'>>;
  onSaved?: (deal: DealDetail) => void;
  onReload?: () => Promise<unknown>;
}) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const notify = useNotify();
  const me = useSession();
  const pipelines = usePipelines();
  const initial = () => (deal ? valuesFromDeal(deal) : emptyDealValues(me.user.id, defaults ?? {}));
  const form = useForm<DealFormValues>(initial());
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const create = useCreateDeal();
  const update = useUpdateDeal();
  const saving = create.isPending || update.isPending;
  const v = form.values;

  // opening the dialog starts from the record (or the defaults) as it is now
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on open only
  useEffect(() => {
    if (opened) {
      form.reset(initial());
      setConflict(false);
    }
  }, [opened]);

  // a new deal goes into the chosen (or the default) pipeline's first stage unless a stage is chosen
  const pipelineList = pipelines.data ?? [];
  const pipeline = pipelineList.find((p) => p.id === v.pipelineId) ?? pipelineList.find((p) => p.isDefault);
  const closed = deal ? deal.status !== 'open' : false;
  const openStages = (pipeline?.stages ?? []).filter((s) => s.kind === 'open');

  const setPipeline = (id: string | null) => {
    const next = pipelineList.find((p) => p.id === id);
    form.setValues((prev) => ({
      ...prev,
      pipelineId: id,
      stageId: next?.stages.find((s) => s.kind === 'open')?.id ?? null,
    }));
  };

  const createBody = () => ({
    title: v.title,
    companyId: v.companyId ?? undefined,
    contactId: v.contactId,
    ownerId: v.ownerId ?? undefined,
    ...(v.teamId ? { teamId: v.teamId } : {}),
    source: v.source ?? undefined,
    expectedCloseDate: v.expectedCloseDate ?? undefined,
    ...(v.pipelineId ? { pipelineId: v.pipelineId } : {}),
    ...(v.stageId ? { stageId: v.stageId } : {}),
    ...(v.mode === 'lines' ? { lines: linesToInput(v.lines) } : { amountCents: toCents(v.amount) ?? 0 }),
  });

  const updateBody = (d: DealDetail) => {
    const b = form.baseline;
    const body: Record<string, unknown> = { version: d.version };
    if (v.title !== b.title) body.title = v.title;
    if (v.companyId !== b.companyId) body.companyId = v.companyId ?? undefined;
    if (v.contactId !== b.contactId || v.companyId !== b.companyId) body.contactId = v.contactId;
    if (v.ownerId !== b.ownerId) body.ownerId = v.ownerId ?? undefined;
    if (v.teamId !== b.teamId) body.teamId = v.teamId;
    if (v.source !== b.source) body.source = v.source ?? undefined;
    if (v.expectedCloseDate !== b.expectedCloseDate)
      body.expectedCloseDate = v.expectedCloseDate ?? undefined;
    if (v.pipelineId !== b.pipelineId) body.pipelineId = v.pipelineId ?? undefined;
    if (v.stageId !== b.stageId) body.stageId = v.stageId ?? undefined;
    if (v.mode === 'lines') {
      if (b.mode !== 'lines' || !sameLines(v.lines, b.lines)) body.lines = linesToInput(v.lines);
    } else {
      if (b.mode === 'lines') body.lines = [];
      const cents = toCents(v.amount) ?? 0;
      if (b.mode === 'lines' || cents !== (toCents(b.amount) ?? 0)) body.amountCents = cents;
    }
    return body;
  };

  const onError = (err: unknown) => {
    if (isConflict(err)) {
      setConflict(true);
      return;
    }
    if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (v.mode === 'lines' && v.lines.length === 0) {
      form.setFieldError('lines', t('lines.none'));
      return;
    }
    if (deal) {
      const body = form.validate(UpdateDeal, updateBody(deal));
      if (!body) return;
      update.mutate(
        { id: deal.id, ...body },
        {
          onSuccess: (saved) => {
            notify.success(t('form.saved', { title: saved.title }));
            onSaved?.(saved);
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const body = form.validate(CreateDeal, createBody());
    if (!body) return;
    create.mutate(body, {
      onSuccess: (saved) => {
        notify.success(t('form.created', { title: saved.title }));
        onSaved?.(saved);
        onClose();
      },
      onError,
    });
  };

  const reload = async () => {
    setReloading(true);
    try {
      const fresh = (await onReload?.()) as { data?: DealDetail } | undefined;
      if (fresh?.data) form.reset(valuesFromDeal(fresh.data));
      setConflict(false);
    } finally {
      setReloading(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={deal ? t('form.editTitle') : t('form.createTitle')}
      size="xl"
      data-testid="deal-form"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {conflict ? <ConflictAlert onReload={() => void reload()} reloading={reloading} /> : null}
          <TextInput
            label={t('fields.title')}
            required
            data-autofocus
            data-testid="deal-title"
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CompanyPicker
              label={t('fields.company')}
              placeholder={t('pickers.searchCompany')}
              required
              value={v.companyId}
              selectedLabel={deal && v.companyId === deal.companyId ? deal.companyName : undefined}
              onChange={(id) => {
                form.setFieldValue('companyId', id);
                form.setFieldValue('contactId', null);
              }}
              error={form.errors.companyId}
              data-testid="deal-company"
            />
            <ContactPicker
              label={t('fields.contact')}
              placeholder={v.companyId ? t('pickers.chooseContact') : t('pickers.companyFirst')}
              companyId={v.companyId}
              clearable
              value={v.contactId}
              onChange={(id) => form.setFieldValue('contactId', id)}
              error={form.errors.contactId}
              data-testid="deal-contact"
            />
            <UserPicker
              label={t('fields.owner')}
              required
              allowDeselect={false}
              value={v.ownerId}
              onChange={(id) => form.setFieldValue('ownerId', id)}
              error={form.errors.ownerId}
              data-testid="deal-owner"
            />
            <TeamPicker
              label={t('fields.team')}
              placeholder={deal ? undefined : t('form.teamDefault')}
              clearable
              value={v.teamId}
              onChange={(id) => form.setFieldValue('teamId', id)}
              error={form.errors.teamId}
              data-testid="deal-team"
            />
            <Select
              label={t('fields.source')}
              data={sourceOptions(t)}
              allowDeselect={false}
              data-testid="deal-source"
              {...form.getInputProps('source')}
            />
            <LazyDateInput
              label={t('fields.expectedCloseDate')}
              required
              value={v.expectedCloseDate}
              onChange={(value) => form.setFieldValue('expectedCloseDate', value)}
              error={form.errors.expectedCloseDate}
              data-testid="deal-expected-close"
            />
            <Select
              label={t('fields.pipeline')}
              data={pipelineOptions(pipelineList, t)}
              value={v.pipelineId ?? pipeline?.id ?? null}
              onChange={setPipeline}
              allowDeselect={false}
              disabled={closed}
              error={form.errors.pipelineId}
              data-testid="deal-pipeline"
            />
            <Select
              label={t('fields.stage')}
              description={closed ? t('form.closedStage') : undefined}
              data={
                closed && deal
                  ? [{ value: deal.stageId, label: deal.stageName }]
                  : openStages.map((s) => ({ value: s.id, label: `${s.name} (${s.probability} %)` }))
              }
              value={v.stageId ?? openStages[0]?.id ?? null}
              onChange={(id) => form.setFieldValue('stageId', id)}
              allowDeselect={false}
              disabled={closed}
              error={form.errors.stageId}
              data-testid="deal-stage"
            />
          </SimpleGrid>

          <Divider label={t('form.amountSection')} labelPosition="left" mt="xs" />
          <SegmentedControl
            value={v.mode}
            onChange={(mode) => {
              form.setValues((prev) => ({
                ...prev,
                mode: mode as DealFormValues['mode'],
                lines: mode === 'lines' && prev.lines.length === 0 ? [emptyLine()] : prev.lines,
              }));
            }}
            data={[
              { value: 'amount', label: t('form.plainAmount') },
              { value: 'lines', label: t('form.withLines') },
            ]}
            w="fit-content"
            data-testid="deal-amount-mode"
          />
          {v.mode === 'amount' ? (
            <NumberInput
              label={t('fields.amount')}
              description={t('form.amountHint')}
              min={0}
              decimalScale={2}
              fixedDecimalScale={false}
              decimalSeparator={fmt.locale === 'de' ? ',' : '.'}
              thousandSeparator={fmt.locale === 'de' ? '.' : ','}
              rightSection={<Text size="sm">€</Text>}
              hideControls
              maw={260}
              value={v.amount}
              onChange={(value) => form.setFieldValue('amount', value)}
              error={form.errors.amountCents}
              data-testid="deal-amount"
            />
          ) : (
            <div style={{ overflowX: 'auto' }}>
              <LinesEditor
                lines={v.lines}
                onChange={(lines) => form.setFieldValue('lines', lines)}
                errors={form.errors}
              />
            </div>
          )}
          {deal && v.mode === 'lines' ? (
            <Text size="xs" c="dimmed">
              {t('form.savedAmount', {
                amount: fmt.money(deal.amountCents, deal.currency),
                preview: fmt.money(previewTotalCents(v.lines), 'EUR'),
              })}
            </Text>
          ) : null}

          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              type="submit"
              loading={saving}
              disabled={conflict || (deal ? !form.isDirty : false)}
              data-testid="deal-save"
            >
              {deal ? t('common:actions.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
