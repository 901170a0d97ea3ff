import { Button, Group, Modal, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Contact } from '../../../../../contracts/companies';
import { ConflictAlert } from '../../../components/conflict-alert';
import { CompanyPicker } from '../../../components/record-pickers';
import {
  ContactEmailsSection,
  ContactPhonesSection,
  ContactPreferencesSection,
} from './contact-form-sections';
import { DuplicateWarning } from './duplicate-warning';
import { useContactForm } from './use-contact-form';

function ContactForm(props: {
  contact?: Contact;
  companyId?: string | null;
  onClose: () => void;
  onSaved?: (contact: Contact) => void;
  onReload?: () => Promise<{ data?: Contact }>;
}) {
  const { onClose } = props;
  const { t } = useTranslation('companies');
  const navigate = useNavigate();
  const {
    form,
    contact,
    editing,
    conflict,
    reloading,
    reload,
    duplicates,
    refusedAsDuplicate,
    setCheckEmail,
    submit,
    createAnyway,
    creating,
    saving,
  } = useContactForm(props);

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
            value={form.values.companyId}
            onChange={(id) => form.setFieldValue('companyId', id)}
            error={form.errors.companyId}
            data-testid="contact-company"
          />
        </SimpleGrid>
        <ContactEmailsSection form={form} onFirstAddressLeft={setCheckEmail} />
        <ContactPhonesSection form={form} />
        <ContactPreferencesSection form={form} contact={contact} />
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
          confirmed={refusedAsDuplicate}
          onCreateAnyway={refusedAsDuplicate && !editing ? createAnyway : undefined}
          creating={creating}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            type="submit"
            loading={saving}
            disabled={conflict || refusedAsDuplicate || (editing && !form.isDirty)}
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
