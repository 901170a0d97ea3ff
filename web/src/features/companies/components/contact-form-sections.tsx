import {
  ActionIcon,
  Autocomplete,
  Button,
  Checkbox,
  Divider,
  Group,
  Select,
  SimpleGrid,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../../contracts/companies';
import type { UseForm } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useOwnerOptions } from '../api/lookups-api';
import { type ContactValues, type EmailRow, type PhoneRow, withoutRowErrors } from './contact-form-values';
import { languageOptions } from './options';

type Form = UseForm<ContactValues>;

/** E-mail rows (address and label), up to ten; leaving the first address checks it for duplicates. */
export function ContactEmailsSection({
  form,
  onFirstAddressLeft,
}: {
  form: Form;
  onFirstAddressLeft: (address: string) => void;
}) {
  const { t } = useTranslation('companies');
  const emails = form.values.emails;
  const labels = [t('contacts.labels.work'), t('contacts.labels.private'), t('contacts.labels.other')];

  const setEmail = (index: number, patch: Partial<EmailRow>) => {
    form.setFieldValue(
      'emails',
      emails.map((e, i) => (i === index ? { ...e, ...patch } : e)),
    );
    form.setErrors((prev) => withoutRowErrors(prev, 'emails'));
  };

  return (
    <>
      <Divider label={t('contacts.sections.email')} labelPosition="left" mt="xs" />
      {emails.map((email, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap" data-testid="contact-email-row">
          <TextInput
            type="email"
            placeholder="name@example.de"
            aria-label={t('contacts.fields.email')}
            value={email.address}
            onChange={(e) => setEmail(index, { address: e.currentTarget.value })}
            onBlur={() => index === 0 && onFirstAddressLeft(email.address)}
            error={form.errors[`emails.${index}.address`]}
            style={{ flex: 1 }}
            data-testid={index === 0 ? 'contact-email' : `contact-email-${index}`}
          />
          <Autocomplete
            placeholder={t('contacts.fields.label')}
            aria-label={t('contacts.fields.label')}
            data={labels}
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
                  emails.filter((_, i) => i !== index),
                );
                form.setErrors((prev) => withoutRowErrors(prev, 'emails'));
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
        disabled={emails.length >= 10}
        onClick={() => form.setFieldValue('emails', [...emails, { address: '', label: '' }])}
        data-testid="contact-add-email"
      >
        {t('contacts.addEmail')}
      </Button>
    </>
  );
}

/** Phone rows (number and label), up to ten. */
export function ContactPhonesSection({ form }: { form: Form }) {
  const { t } = useTranslation('companies');
  const phones = form.values.phones;
  const labels = [
    t('contacts.labels.work'),
    t('contacts.labels.mobile'),
    t('contacts.labels.private'),
    t('contacts.labels.other'),
  ];

  const setPhone = (index: number, patch: Partial<PhoneRow>) => {
    form.setFieldValue(
      'phones',
      phones.map((p, i) => (i === index ? { ...p, ...patch } : p)),
    );
    form.setErrors((prev) => withoutRowErrors(prev, 'phones'));
  };

  return (
    <>
      <Divider label={t('contacts.sections.phone')} labelPosition="left" mt="xs" />
      {phones.map((phone, index) => (
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
            data={labels}
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
                  phones.filter((_, i) => i !== index),
                );
                form.setErrors((prev) => withoutRowErrors(prev, 'phones'));
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
        disabled={phones.length >= 10}
        onClick={() => form.setFieldValue('phones', [...phones, { number: '', label: '' }])}
        data-testid="contact-add-phone"
      >
        {t('contacts.addPhone')}
      </Button>
    </>
  );
}

/**
 * Language, owner, e-mail consent and opt-out. An opt-out withdraws the consent and blocks it; the
 * consent's date is shown while the saved consent stands.
 */
export function ContactPreferencesSection({ form, contact }: { form: Form; contact?: Contact }) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const owners = useOwnerOptions();
  const v = form.values;
  return (
    <>
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
    </>
  );
}
