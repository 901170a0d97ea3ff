import { Anchor, Divider, NumberInput, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UseForm } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useOwnerOptions, useSegmentOptions, useTeamOptions } from '../api/lookups-api';
import type { CompanyValues } from './company-form-values';
import { countryOptions, revenueBandOptions } from './options';

type Form = UseForm<CompanyValues>;

/** Street, postal code, city and country (named in the UI language). */
export function CompanyAddressSection({ form }: { form: Form }) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  return (
    <>
      <Divider label={t('sections.address')} labelPosition="left" mt="xs" />
      <TextInput label={t('fields.street')} data-testid="company-street" {...form.getInputProps('street')} />
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
    </>
  );
}

/** Industry, segment, employees and revenue band. */
export function CompanyMarketSection({ form }: { form: Form }) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const segments = useSegmentOptions();
  return (
    <>
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
    </>
  );
}

/** Website and VAT ID; leaving either checks for duplicates (like the name). */
export function CompanyWebAndTaxSection({
  form,
  checkDuplicates,
}: {
  form: Form;
  checkDuplicates: () => void;
}) {
  const { t } = useTranslation('companies');
  return (
    <>
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
    </>
  );
}

/**
 * IBAN and BIC: always shown for a supplier (we pay it), otherwise behind a link until asked for,
 * already filled in, or refused by a check.
 */
export function CompanyBankSection({
  form,
  showBank,
  onShowBank,
}: {
  form: Form;
  showBank: boolean;
  onShowBank: () => void;
}) {
  const { t } = useTranslation('companies');
  const isSupplier = form.values.roles.includes('supplier');
  if (!isSupplier && !showBank) {
    return (
      <Anchor component="button" type="button" size="sm" onClick={onShowBank} w="fit-content">
        {t('actions.addBankDetails')}
      </Anchor>
    );
  }
  return (
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
  );
}

/** Payment terms, owner and team. */
export function CompanyTermsSection({ form }: { form: Form }) {
  const { t } = useTranslation('companies');
  const owners = useOwnerOptions();
  const teams = useTeamOptions();
  return (
    <>
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
    </>
  );
}
