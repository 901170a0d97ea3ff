import {
  Button,
  Group,
  Modal,
  MultiSelect,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Company } from '../../../../../contracts/companies';
import { ConflictAlert } from '../../../components/conflict-alert';
import {
  CompanyAddressSection,
  CompanyBankSection,
  CompanyMarketSection,
  CompanyTermsSection,
  CompanyWebAndTaxSection,
} from './company-form-sections';
import { DuplicateWarning } from './duplicate-warning';
import { roleOptions } from './options';
import { useCompanyForm } from './use-company-form';

function CompanyForm(props: {
  company?: Company;
  onClose: () => void;
  onSaved?: (company: Company) => void;
  onReload?: () => Promise<{ data?: Company }>;
}) {
  const { onClose } = props;
  const { t } = useTranslation('companies');
  const navigate = useNavigate();
  const {
    form,
    editing,
    conflict,
    reloading,
    reload,
    duplicates,
    refusedAsDuplicate,
    checkDuplicates,
    showBank,
    setShowBank,
    submit,
    createAnyway,
    creating,
    saving,
  } = useCompanyForm(props);

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
        <CompanyAddressSection form={form} />
        <CompanyMarketSection form={form} />
        <CompanyWebAndTaxSection form={form} checkDuplicates={checkDuplicates} />
        <CompanyBankSection form={form} showBank={showBank} onShowBank={() => setShowBank(true)} />
        <CompanyTermsSection form={form} />
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
