import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateSegment, type Segment, UpdateSegment } from '../../../../../contracts/companies';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useCreateSegment, useUpdateSegment } from '../api/segments-api';

interface Values extends Record<string, unknown> {
  name: string;
  industry: string;
  region: string;
  sizeClass: string;
  marketCompanies: number | string;
  /** In EUR (the form), cents in the API. */
  potentialRevenue: number | string;
  notes: string;
}

const emptyValues = (): Values => ({
  name: '',
  industry: '',
  region: '',
  sizeClass: '',
  marketCompanies: '',
  potentialRevenue: '',
  notes: '',
});

const fromSegment = (s: Segment): Values => ({
  name: s.name,
  industry: s.industry ?? '',
  region: s.region ?? '',
  sizeClass: s.sizeClass ?? '',
  marketCompanies: s.marketCompanies ?? '',
  potentialRevenue: s.potentialRevenueCents === null ? '' : s.potentialRevenueCents / 100,
  notes: s.notes ?? '',
});

const toNumber = (x: number | string) => (x === '' ? null : Number(x));

function toInput(v: Values) {
  const euros = toNumber(v.potentialRevenue);
  return {
    name: v.name,
    industry: v.industry,
    region: v.region,
    sizeClass: v.sizeClass,
    marketCompanies: toNumber(v.marketCompanies),
    potentialRevenueCents: euros === null ? null : Math.round(euros * 100),
    notes: v.notes,
  };
}

/** Error paths of the API (cents) onto the form's field (euros). */
const FIELD_OF: Record<string, string> = { potentialRevenueCents: 'potentialRevenue' };
const remap = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([k, m]) => [FIELD_OF[k] ?? k, m]));

function SegmentForm({ segment, onClose }: { segment?: Segment; onClose: () => void }) {
  const { t } = useTranslation('segments');
  const fmt = useFormat();
  const notify = useNotify();
  const form = useForm<Values>(segment ? fromSegment(segment) : emptyValues());
  const create = useCreateSegment();
  const update = useUpdateSegment();
  const [conflict, setConflict] = useState(false);
  const de = fmt.locale === 'de';
  const numberFormat = { thousandSeparator: de ? '.' : ',', decimalSeparator: de ? ',' : '.' };

  const failed = (err: unknown) => {
    if (isConflict(err)) {
      setConflict(true);
      return;
    }
    if (form.setServerErrors(err)) form.setErrors((prev) => remap(prev));
    else notify.error(errorMessage(err, t));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = toInput(form.values);
    if (segment) {
      const base = toInput(form.baseline);
      const body: Record<string, unknown> = { version: segment.version };
      for (const key of Object.keys(input) as (keyof typeof input)[]) {
        if (input[key] !== base[key]) body[key] = input[key];
      }
      const parsed = form.validate(UpdateSegment, body);
      if (!parsed) {
        form.setErrors((prev) => remap(prev));
        return;
      }
      update.mutate(
        { id: segment.id, ...parsed },
        {
          onSuccess: () => {
            notify.success(t('edit.done'));
            onClose();
          },
          onError: failed,
        },
      );
      return;
    }
    const body = form.validate(CreateSegment, input);
    if (!body) {
      form.setErrors((prev) => remap(prev));
      return;
    }
    create.mutate(body, {
      onSuccess: (saved) => {
        notify.success(t('create.done', { name: saved.name }));
        onClose();
      },
      onError: failed,
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="segment-form">
      <Stack gap="sm">
        {conflict ? <ConflictAlert onReload={onClose} /> : null}
        <TextInput
          label={t('fields.name')}
          description={t('hints.name')}
          required
          data-autofocus
          data-testid="segment-name"
          {...form.getInputProps('name')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('fields.industry')}
            data-testid="segment-industry"
            {...form.getInputProps('industry')}
          />
          <TextInput
            label={t('fields.region')}
            data-testid="segment-region"
            {...form.getInputProps('region')}
          />
          <TextInput
            label={t('fields.sizeClass')}
            data-testid="segment-size-class"
            {...form.getInputProps('sizeClass')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NumberInput
            label={t('fields.marketCompanies')}
            description={t('hints.marketCompanies')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            {...numberFormat}
            data-testid="segment-market-companies"
            {...form.getInputProps('marketCompanies')}
          />
          <NumberInput
            label={t('fields.potentialRevenue')}
            description={t('hints.potentialRevenue')}
            min={0}
            decimalScale={2}
            allowNegative={false}
            suffix=" €"
            {...numberFormat}
            data-testid="segment-potential"
            {...form.getInputProps('potentialRevenue')}
          />
        </SimpleGrid>
        <Textarea
          label={t('fields.notes')}
          autosize
          minRows={2}
          maxRows={6}
          data-testid="segment-notes"
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            type="submit"
            loading={create.isPending || update.isPending}
            disabled={conflict || (Boolean(segment) && !form.isDirty)}
            data-testid="segment-save"
          >
            {segment ? t('common:actions.save') : t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SegmentFormModal({
  opened,
  onClose,
  segment,
}: {
  opened: boolean;
  onClose: () => void;
  segment?: Segment;
}) {
  const { t } = useTranslation('segments');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={segment ? t('edit.title', { name: segment.name }) : t('create.title')}
      size="lg"
      data-testid="segment-modal"
    >
      {opened ? <SegmentForm segment={segment} onClose={onClose} /> : null}
    </Modal>
  );
}
