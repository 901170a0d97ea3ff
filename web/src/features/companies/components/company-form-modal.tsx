import {
  Anchor,
  Button,
  Divider,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  type Company,
  CreateCompany,
  type DuplicateCandidate,
  UpdateCompany,
} from '../../../../../contracts/companies';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import {
  type DuplicateCheck,
  duplicatesOf,
  useCompanyDuplicates,
  useCreateCompany,
  useUpdateCompany,
} from '../api/companies-api';
import { useOwnerOptions, useSegmentOptions, useTeamOptions } from '../api/lookups-api';
import { DuplicateWarning } from './duplicate-warning';
import { countryOptions, revenueBandOptions, roleOptions } from './options';
import { bankDetailsErrors, validateWith } from './validate';

interface Values extends Record<string, unknown> {
  name: string;
  legalName: string;
  roles: string[];
  street: string;
  postalCode: string;
  city: string;
  country: string | null;
  industry: string;
  segmentId: string | null;
  employees: number | string;
  revenueBand: string | null;
  website: string;
  vatId: string;
  iban: string;
  bic: string;
  paymentTermsDays: number | string;
  ownerId: string | null;
  teamId: string | null;
  tags: string[];
  notes: string;
}

const emptyValues = (ownerId: string): Values => ({
  name: '',
  legalName: '',
  roles: ['prospect'],
  street: '',
  postalCode: '',
  city: '',
  country: 'DE',
  industry: '',
  segmentId: null,
  employees: '',
  revenueBand: null,
  website: '',
  vatId: '',
  iban: '',
  bic: '',
  paymentTermsDays: 14,
  ownerId,
  teamId: null,
  tags: [],
  notes: '',
});

const fromCompany = (c: Company): Values => ({
  name: c.name,
  legalName: c.legalName ?? '',
  roles: [...c.roles],
  street: c.street ?? '',
  postalCode: c.postalCode ?? '',
  city: c.city ?? '',
  country: c.country,
  industry: c.industry ?? '',
  segmentId: c.segmentId,
  employees: c.employees ?? '',
  revenueBand: c.revenueBand,
  website: c.website ?? '',
  vatId: c.vatId ?? '',
  iban: c.iban ?? '',
  bic: c.bic ?? '',
  paymentTermsDays: c.paymentTermsDays,
  ownerId: c.ownerId,
  teamId: c.teamId,
  tags: [...c.tags],
  notes: c.notes ?? '',
});

/** The request shape of the form's values ('' numbers → null, no owner → the creator). */
function toInput(v: Values) {
  const number = (x: number | string) =>
    x === '' || x === null ? null : typeof x === 'number' ? x : Number(x);
  return {
    name: v.name,
    legalName: v.legalName,
    roles: v.roles,
    street: v.street,
    postalCode: v.postalCode,
    city: v.city,
    country: v.country ?? '',
    industry: v.industry,
    segmentId: v.segmentId,
    employees: number(v.employees),
    revenueBand: v.revenueBand,
    website: v.website,
    vatId: v.vatId,
    iban: v.iban,
    bic: v.bic,
    paymentTermsDays: number(v.paymentTermsDays) ?? undefined,
    ownerId: v.ownerId ?? undefined,
    teamId: v.teamId,
    tags: v.tags,
    notes: v.notes,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function CompanyForm({
  company: loaded,
  onClose,
  onSaved,
  onReload,
}: {
  company?: Company;
  onClose: () => void;
  onSaved?: (company: Company) => void;
  onReload?: () => Promise<{ data?: Company }>;
}) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const me = useSession();
  const notify = useNotify();
  const navigate = useNavigate();
  const [company, setCompany] = useState(loaded);
  const form = useForm<Values>(company ? fromCompany(company) : emptyValues(me.user.id));
  const create = useCreateCompany();
  const update = useUpdateCompany();
  const owners = useOwnerOptions();
  const teams = useTeamOptions();
  const segments = useSegmentOptions();
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [serverDuplicates, setServerDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [check, setCheck] = useState<DuplicateCheck>({});
  const [showBank, setShowBank] = useState(Boolean(company?.iban || company?.bic));
  const live = useCompanyDuplicates(check, serverDuplicates === null);
  const editing = Boolean(company);
  const pending = create.isPending || update.isPending;
  const v = form.values;
  const isSupplier = v.roles.includes('supplier');

  // a refused create is about what was entered: a change asks the server again
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to edits only
  useEffect(() => setServerDuplicates(null), [v]);

  const reload = async () => {
    if (!onReload) {
      onClose();
      return;
    }
    setReloading(true);
    try {
      const fresh = (await onReload()).data;
      if (fresh) {
        setCompany(fresh);
        form.reset(fromCompany(fresh));
      }
      setConflict(false);
    } finally {
      setReloading(false);
    }
  };

  /** Checks for similar companies when name, website or VAT ID were left (not on every key). */
  const checkDuplicates = () => {
    const next: DuplicateCheck = {
      name: v.name.trim() || undefined,
      website: v.website.trim() || undefined,
      vatId: v.vatId.trim() || undefined,
      excludeId: company?.id,
    };
    if (!same(next, check)) setCheck(next);
  };

  const failed = (err: unknown) => {
    if (isConflict(err)) {
      setConflict(true);
      return;
    }
    const bank = bankDetailsErrors(err, t);
    if (bank) {
      form.setErrors(bank);
      setShowBank(true);
      return;
    }
    if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
  };

  const done = (saved: Company, message: string) => {
    notify.success(message);
    onSaved?.(saved);
    onClose();
  };

  const submitCreate = (allowDuplicate: boolean) => {
    const parsed = validateWith(CreateCompany, toInput(v), t);
    if (!parsed.ok) {
      form.setErrors(parsed.errors);
      if (parsed.errors.iban || parsed.errors.bic) setShowBank(true);
      return;
    }
    create.mutate(
      { ...parsed.data, allowDuplicate },
      {
        onSuccess: (saved) => done(saved, t('create.done', { name: saved.name })),
        onError: (err) => {
          const duplicates = duplicatesOf(err);
          if (duplicates) setServerDuplicates(duplicates);
          else failed(err);
        },
      },
    );
  };

  const submitUpdate = (current: Company) => {
    const input = toInput(v);
    const base = toInput(form.baseline);
    const body: Record<string, unknown> = { version: current.version };
    for (const key of Object.keys(input) as (keyof typeof input)[]) {
      if (!same(input[key], base[key])) body[key] = key === 'ownerId' ? (input[key] ?? null) : input[key];
    }
    const parsed = validateWith(UpdateCompany, body, t);
    if (!parsed.ok) {
      form.setErrors(parsed.errors);
      return;
    }
    update.mutate(
      { id: current.id, ...parsed.data },
      { onSuccess: (saved) => done(saved, t('edit.done')), onError: failed },
    );
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (company) submitUpdate(company);
    else submitCreate(false);
  };

  const duplicates = serverDuplicates ?? live.data?.duplicates ?? [];
  const openDuplicate = (link: string) => {
    onClose();
    navigate(link);
  };

  return (
    <form onSubmit={submit} noValidate data-testid={editing ? 'company-edit-form' : 'company-create-form'}>
      <Stack gap="sm">
        {conflict ? <ConflictAlert onReload={() => void reload()} reloading={reloading} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('fields.name')}
            description={t('hints.name')}
            required
            data-autofocus
            data-testid="company-name"
            {...form.getInputProps('name')}
            onBlur={checkDuplicates}
          />
          <TextInput
            label={t('fields.legalName')}
            description={t('hints.legalName')}
            data-testid="company-legal-name"
            {...form.getInputProps('legalName')}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('fields.roles')}
          data={roleOptions(t)}
          required
          data-testid="company-roles"
          {...form.getInputProps('roles')}
        />
        <Divider label={t('sections.address')} labelPosition="left" mt="xs" />
        <TextInput
          label={t('fields.street')}
          data-testid="company-street"
          {...form.getInputProps('street')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('fields.postalCode')}
            data-testid="company-postal-code"
            {...form.getInputProps('postalCode')}
          />
          <TextInput label={t('fields.city')} data-testid="company-city" {...form.getInputProps('city')} />
          <Select
            label={t('fields.country')}
            data={countryOptions(fmt.locale)}
            searchable
            allowDeselect={false}
            required
            data-testid="company-country"
            {...form.getInputProps('country')}
          />
        </SimpleGrid>
        <Divider label={t('sections.market')} labelPosition="left" mt="xs" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('fields.industry')}
            data-testid="company-industry"
            {...form.getInputProps('industry')}
          />
          <Select
            label={t('fields.segment')}
            data={segments.data ?? []}
            searchable
            clearable
            placeholder={t('placeholders.none')}
            data-testid="company-segment"
            {...form.getInputProps('segmentId')}
          />
          <NumberInput
            label={t('fields.employees')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator={fmt.locale === 'de' ? '.' : ','}
            decimalSeparator={fmt.locale === 'de' ? ',' : '.'}
            data-testid="company-employees"
            {...form.getInputProps('employees')}
          />
          <Select
            label={t('fields.revenueBand')}
            data={revenueBandOptions(t)}
            clearable
            placeholder={t('placeholders.none')}
            data-testid="company-revenue-band"
            {...form.getInputProps('revenueBand')}
          />
        </SimpleGrid>
        <Divider label={t('sections.webAndTax')} labelPosition="left" mt="xs" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('fields.website')}
            placeholder="www.example.de"
            data-testid="company-website"
            {...form.getInputProps('website')}
            onBlur={checkDuplicates}
          />
          <TextInput
            label={t('fields.vatId')}
            placeholder="DE123456789"
            data-testid="company-vat-id"
            {...form.getInputProps('vatId')}
            onBlur={checkDuplicates}
          />
        </SimpleGrid>
        {isSupplier || showBank ? (
          <>
            <Divider label={t('sections.bank')} labelPosition="left" mt="xs" />
            {isSupplier ? (
              <Text size="xs" c="dimmed" mt={-6}>
                {t('hints.bankSupplier')}
              </Text>
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('fields.iban')}
                placeholder="DE89 3704 0044 0532 0130 00"
                data-testid="company-iban"
                {...form.getInputProps('iban')}
              />
              <TextInput
                label={t('fields.bic')}
                placeholder="COBADEFFXXX"
                data-testid="company-bic"
                {...form.getInputProps('bic')}
              />
            </SimpleGrid>
          </>
        ) : (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => setShowBank(true)}
            w="fit-content"
          >
            {t('actions.addBankDetails')}
          </Anchor>
        )}
        <Divider label={t('sections.terms')} labelPosition="left" mt="xs" />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NumberInput
            label={t('fields.paymentTermsDays')}
            min={0}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            suffix={` ${t('days')}`}
            data-testid="company-payment-terms"
            {...form.getInputProps('paymentTermsDays')}
          />
          <Select
            label={t('fields.owner')}
            data={owners.data ?? []}
            searchable
            allowDeselect={false}
            data-testid="company-owner"
            {...form.getInputProps('ownerId')}
          />
          <Select
            label={t('fields.team')}
            data={teams.data ?? []}
            searchable
            clearable
            placeholder={t('placeholders.ownerTeam')}
            data-testid="company-team"
            {...form.getInputProps('teamId')}
          />
        </SimpleGrid>
        <TagsInput
          label={t('fields.tags')}
          description={t('hints.tags')}
          clearable
          data-testid="company-tags"
          {...form.getInputProps('tags')}
        />
        <Textarea
          label={t('fields.notes')}
          autosize
          minRows={2}
          maxRows={8}
          data-testid="company-notes"
          {...form.getInputProps('notes')}
        />
        <DuplicateWarning
          candidates={duplicates}
          getLink={(c) => `/companies/${c.id}`}
          onOpen={openDuplicate}
          confirmed={serverDuplicates !== null}
          onCreateAnyway={serverDuplicates && !editing ? () => submitCreate(true) : undefined}
          creating={create.isPending}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            type="submit"
            loading={pending}
            disabled={conflict || serverDuplicates !== null || (editing && !form.isDirty)}
            data-testid="company-save"
          >
            {editing ? t('common:actions.save') : t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create a company (no `company`) or edit one; checks for duplicates while typing and on save. */
export function CompanyFormModal({
  opened,
  onClose,
  company,
  onSaved,
  onReload,
}: {
  opened: boolean;
  onClose: () => void;
  company?: Company;
  onSaved?: (company: Company) => void;
  /** Loads the record again after a conflict (409 stale version). */
  onReload?: () => Promise<{ data?: Company }>;
}) {
  const { t } = useTranslation('companies');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={company ? t('edit.title', { name: company.name }) : t('create.title')}
      size="xl"
      data-testid={company ? 'company-edit-modal' : 'company-create-modal'}
    >
      {opened ? (
        <CompanyForm company={company} onClose={onClose} onSaved={onSaved} onReload={onReload} />
      ) : null}
    </Modal>
  );
}
