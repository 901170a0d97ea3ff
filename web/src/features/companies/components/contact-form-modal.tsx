import {
  ActionIcon,
  Autocomplete,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  type Contact,
  CreateContact,
  type DuplicateCandidate,
  UpdateContact,
} from '../../../../../contracts/companies';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { CompanyPicker } from '../../../components/record-pickers';
import { isConflict } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { duplicatesOf } from '../api/companies-api';
import { useContactsWithEmail, useCreateContact, useUpdateContact } from '../api/contacts-api';
import { useOwnerOptions } from '../api/lookups-api';
import { DuplicateWarning } from './duplicate-warning';
import { languageOptions } from './options';
import { validateWith } from './validate';

interface EmailRow {
  address: string;
  label: string;
}
interface PhoneRow {
  number: string;
  label: string;
}

interface Values extends Record<string, unknown> {
  firstName: string;
  lastName: string;
  position: string;
  companyId: string | null;
  emails: EmailRow[];
  phones: PhoneRow[];
  preferredLanguage: string | null;
  emailConsent: boolean;
  optOut: boolean;
  ownerId: string | null;
  notes: string;
}

const emptyValues = (companyId: string | null, ownerId: string): Values => ({
  firstName: '',
  lastName: '',
  position: '',
  companyId,
  emails: [{ address: '', label: '' }],
  phones: [{ number: '', label: '' }],
  preferredLanguage: 'de',
  emailConsent: false,
  optOut: false,
  ownerId,
  notes: '',
});

const fromContact = (c: Contact): Values => ({
  firstName: c.firstName ?? '',
  lastName: c.lastName,
  position: c.position ?? '',
  companyId: c.companyId,
  emails: c.emails.length ? c.emails.map((e) => ({ address: e.address, label: e.label ?? '' })) : [],
  phones: c.phones.length ? c.phones.map((p) => ({ number: p.number, label: p.label ?? '' })) : [],
  preferredLanguage: c.preferredLanguage,
  emailConsent: c.emailConsent,
  optOut: c.optOut,
  ownerId: c.ownerId,
  notes: c.notes ?? '',
});

/** Request shape: empty rows are left out (a blank second e-mail line is no error). */
function toInput(v: Values) {
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    position: v.position,
    companyId: v.companyId ?? '',
    emails: v.emails
      .filter((e) => e.address.trim() || e.label.trim())
      .map((e) => ({ address: e.address.trim(), label: e.label })),
    phones: v.phones
      .filter((p) => p.number.trim() || p.label.trim())
      .map((p) => ({ number: p.number, label: p.label })),
    preferredLanguage: v.preferredLanguage ?? 'de',
    emailConsent: v.emailConsent,
    optOut: v.optOut,
    ownerId: v.ownerId ?? undefined,
    notes: v.notes,
  };
}

/**
 * Error paths of the request (rows without blanks) → the form's rows (with blanks): the server
 * and the schema say `emails.1.address` for the second non-empty row.
 */
function remapRowErrors(errors: Record<string, string>, v: Values): Record<string, string> {
  const out: Record<string, string> = {};
  const indexMap = (rows: { filled: boolean }[]) => rows.flatMap((r, i) => (r.filled ? [i] : []));
  const emailIdx = indexMap(v.emails.map((e) => ({ filled: Boolean(e.address.trim() || e.label.trim()) })));
  const phoneIdx = indexMap(v.phones.map((p) => ({ filled: Boolean(p.number.trim() || p.label.trim()) })));
  for (const [path, message] of Object.entries(errors)) {
    const m = /^(emails|phones)\.(\d+)(\..+)?$/.exec(path);
    if (!m) {
      out[path] = message;
      continue;
    }
    const map = m[1] === 'emails' ? emailIdx : phoneIdx;
    out[`${m[1]}.${map[Number(m[2])] ?? m[2]}${m[3] ?? (m[1] === 'emails' ? '.address' : '.number')}`] =
      message;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function ContactForm({
  contact: loaded,
  companyId,
  onClose,
  onSaved,
  onReload,
}: {
  contact?: Contact;
  companyId?: string | null;
  onClose: () => void;
  onSaved?: (contact: Contact) => void;
  onReload?: () => Promise<{ data?: Contact }>;
}) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const me = useSession();
  const notify = useNotify();
  const navigate = useNavigate();
  const [contact, setContact] = useState(loaded);
  const form = useForm<Values>(contact ? fromContact(contact) : emptyValues(companyId ?? null, me.user.id));
  const create = useCreateContact();
  const update = useUpdateContact();
  const owners = useOwnerOptions();
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [serverDuplicates, setServerDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [checkEmail, setCheckEmail] = useState('');
  const sameEmail = useContactsWithEmail(serverDuplicates === null ? checkEmail : '', contact?.id);
  const editing = Boolean(contact);
  const v = form.values;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of what was entered asks the server again
  useEffect(() => setServerDuplicates(null), [v]);

  const clearRowErrors = (prefix: 'emails' | 'phones') =>
    form.setErrors((prev) =>
      Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith(`${prefix}.`))),
    );

  const setEmail = (index: number, patch: Partial<EmailRow>) => {
    form.setFieldValue(
      'emails',
      v.emails.map((e, i) => (i === index ? { ...e, ...patch } : e)),
    );
    clearRowErrors('emails');
  };
  const setPhone = (index: number, patch: Partial<PhoneRow>) => {
    form.setFieldValue(
      'phones',
      v.phones.map((p, i) => (i === index ? { ...p, ...patch } : p)),
    );
    clearRowErrors('phones');
  };

  const reload = async () => {
    if (!onReload) {
      onClose();
      return;
    }
    setReloading(true);
    try {
      const fresh = (await onReload()).data;
      if (fresh) {
        setContact(fresh);
        form.reset(fromContact(fresh));
      }
      setConflict(false);
    } finally {
      setReloading(false);
    }
  };

  const failed = (err: unknown) => {
    if (isConflict(err)) {
      setConflict(true);
      return;
    }
    if (form.setServerErrors(err)) {
      form.setErrors((prev) => remapRowErrors(prev, v));
      return;
    }
    notify.error(errorMessage(err, t));
  };

  const done = (saved: Contact, message: string) => {
    notify.success(message);
    onSaved?.(saved);
    onClose();
  };

  const submitCreate = (allowDuplicate: boolean) => {
    const parsed = validateWith(CreateContact, toInput(v), t);
    if (!parsed.ok) {
      form.setErrors(remapRowErrors(parsed.errors, v));
      return;
    }
    create.mutate(
      { ...parsed.data, allowDuplicate },
      {
        onSuccess: (saved) => done(saved, t('contacts.create.done', { name: saved.name })),
        onError: (err) => {
          const duplicates = duplicatesOf(err);
          if (duplicates) setServerDuplicates(duplicates);
          else failed(err);
        },
      },
    );
  };

  const submitUpdate = (current: Contact) => {
    const input = toInput(v);
    const base = toInput(form.baseline);
    const body: Record<string, unknown> = { version: current.version };
    for (const key of Object.keys(input) as (keyof typeof input)[]) {
      if (!same(input[key], base[key])) body[key] = key === 'ownerId' ? (input[key] ?? null) : input[key];
    }
    const parsed = validateWith(UpdateContact, body, t);
    if (!parsed.ok) {
      form.setErrors(remapRowErrors(parsed.errors, v));
      return;
    }
    update.mutate(
      { id: current.id, ...parsed.data },
      { onSuccess: (saved) => done(saved, t('contacts.edit.done')), onError: failed },
    );
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (contact) submitUpdate(contact);
    else submitCreate(false);
  };

  const liveDuplicates: DuplicateCandidate[] = (sameEmail.data ?? []).map((c) => ({
    id: c.id,
    name: `${c.name} · ${c.companyName}`,
    reason: 'email',
    score: 1,
    visible: true,
    ownerName: c.ownerName,
    companyId: c.companyId,
  }));
  const duplicates = serverDuplicates ?? liveDuplicates;
  const emailLabels = [t('contacts.labels.work'), t('contacts.labels.private'), t('contacts.labels.other')];
  const phoneLabels = [
    t('contacts.labels.work'),
    t('contacts.labels.mobile'),
    t('contacts.labels.private'),
    t('contacts.labels.other'),
  ];

  return (
    <form onSubmit={submit} noValidate data-testid={editing ? 'contact-edit-form' : 'contact-create-form'}>
      <Stack gap="sm">
        {conflict ? <ConflictAlert onReload={() => void reload()} reloading={reloading} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('contacts.fields.firstName')}
            data-autofocus
            data-testid="contact-first-name"
            {...form.getInputProps('firstName')}
          />
          <TextInput
            label={t('contacts.fields.lastName')}
            required
            data-testid="contact-last-name"
            {...form.getInputProps('lastName')}
          />
          <TextInput
            label={t('contacts.fields.position')}
            data-testid="contact-position"
            {...form.getInputProps('position')}
          />
          <CompanyPicker
            label={t('contacts.fields.company')}
            required
            value={v.companyId}
            onChange={(id) => form.setFieldValue('companyId', id)}
            error={form.errors.companyId}
            data-testid="contact-company"
          />
        </SimpleGrid>

        <Divider label={t('contacts.sections.email')} labelPosition="left" mt="xs" />
        {v.emails.map((email, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap" data-testid="contact-email-row">
            <TextInput
              type="email"
              placeholder="name@example.de"
              aria-label={t('contacts.fields.email')}
              value={email.address}
              onChange={(e) => setEmail(index, { address: e.currentTarget.value })}
              onBlur={() => index === 0 && setCheckEmail(email.address)}
              error={form.errors[`emails.${index}.address`]}
              style={{ flex: 1 }}
              data-testid={index === 0 ? 'contact-email' : `contact-email-${index}`}
            />
            <Autocomplete
              placeholder={t('contacts.fields.label')}
              aria-label={t('contacts.fields.label')}
              data={emailLabels}
              value={email.label}
              onChange={(label) => setEmail(index, { label })}
              error={form.errors[`emails.${index}.label`]}
              w={140}
            />
            <Tooltip label={t('contacts.removeEmail')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={t('contacts.removeEmail')}
                onClick={() => {
                  form.setFieldValue(
                    'emails',
                    v.emails.filter((_, i) => i !== index),
                  );
                  clearRowErrors('emails');
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
        {form.errors.emails ? (
          <Text size="xs" c="red">
            {form.errors.emails}
          </Text>
        ) : null}
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          w="fit-content"
          disabled={v.emails.length >= 10}
          onClick={() => form.setFieldValue('emails', [...v.emails, { address: '', label: '' }])}
          data-testid="contact-add-email"
        >
          {t('contacts.addEmail')}
        </Button>

        <Divider label={t('contacts.sections.phone')} labelPosition="left" mt="xs" />
        {v.phones.map((phone, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap" data-testid="contact-phone-row">
            <TextInput
              type="tel"
              placeholder="+49 89 1234567"
              aria-label={t('contacts.fields.phone')}
              value={phone.number}
              onChange={(e) => setPhone(index, { number: e.currentTarget.value })}
              error={form.errors[`phones.${index}.number`]}
              style={{ flex: 1 }}
              data-testid={index === 0 ? 'contact-phone' : `contact-phone-${index}`}
            />
            <Autocomplete
              placeholder={t('contacts.fields.label')}
              aria-label={t('contacts.fields.label')}
              data={phoneLabels}
              value={phone.label}
              onChange={(label) => setPhone(index, { label })}
              error={form.errors[`phones.${index}.label`]}
              w={140}
            />
            <Tooltip label={t('contacts.removePhone')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={t('contacts.removePhone')}
                onClick={() => {
                  form.setFieldValue(
                    'phones',
                    v.phones.filter((_, i) => i !== index),
                  );
                  clearRowErrors('phones');
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          w="fit-content"
          disabled={v.phones.length >= 10}
          onClick={() => form.setFieldValue('phones', [...v.phones, { number: '', label: '' }])}
          data-testid="contact-add-phone"
        >
          {t('contacts.addPhone')}
        </Button>

        <Divider label={t('contacts.sections.preferences')} labelPosition="left" mt="xs" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('contacts.fields.preferredLanguage')}
            data={languageOptions(t)}
            allowDeselect={false}
            data-testid="contact-language"
            {...form.getInputProps('preferredLanguage')}
          />
          <Select
            label={t('fields.owner')}
            data={owners.data ?? []}
            searchable
            allowDeselect={false}
            data-testid="contact-owner"
            {...form.getInputProps('ownerId')}
          />
        </SimpleGrid>
        <Checkbox
          label={t('contacts.fields.emailConsent')}
          description={
            contact?.emailConsent && contact.consentAt && v.emailConsent
              ? t('contacts.consentSince', { date: fmt.dateTime(contact.consentAt) })
              : t('contacts.hints.consent')
          }
          checked={v.emailConsent}
          disabled={v.optOut}
          onChange={(e) => form.setFieldValue('emailConsent', e.currentTarget.checked)}
          error={form.errors.emailConsent}
          data-testid="contact-consent"
        />
        <Checkbox
          label={t('contacts.fields.optOut')}
          description={t('contacts.hints.optOut')}
          color="red"
          checked={v.optOut}
          onChange={(e) => {
            const optOut = e.currentTarget.checked;
            form.setValues((prev) => ({ ...prev, optOut, emailConsent: optOut ? false : prev.emailConsent }));
          }}
          error={form.errors.optOut}
          data-testid="contact-opt-out"
        />
        <Textarea
          label={t('fields.notes')}
          autosize
          minRows={2}
          maxRows={6}
          data-testid="contact-notes"
          {...form.getInputProps('notes')}
        />
        <DuplicateWarning
          candidates={duplicates}
          getLink={(c) => `/contacts/${c.id}`}
          onOpen={(link) => {
            onClose();
            navigate(link);
          }}
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
            loading={create.isPending || update.isPending}
            disabled={conflict || serverDuplicates !== null || (editing && !form.isDirty)}
            data-testid="contact-save"
          >
            {editing ? t('common:actions.save') : t('contacts.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create a contact (optionally in a given company) or edit one; warns about known e-mail addresses. */
export function ContactFormModal({
  opened,
  onClose,
  contact,
  companyId,
  onSaved,
  onReload,
}: {
  opened: boolean;
  onClose: () => void;
  contact?: Contact;
  /** Preselected company of a new contact. */
  companyId?: string | null;
  onSaved?: (contact: Contact) => void;
  onReload?: () => Promise<{ data?: Contact }>;
}) {
  const { t } = useTranslation('companies');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? t('contacts.edit.title', { name: contact.name }) : t('contacts.create.title')}
      size="lg"
      data-testid={contact ? 'contact-edit-modal' : 'contact-create-modal'}
    >
      {opened ? (
        <ContactForm
          contact={contact}
          companyId={companyId}
          onClose={onClose}
          onSaved={onSaved}
          onReload={onReload}
        />
      ) : null}
    </Modal>
  );
}
