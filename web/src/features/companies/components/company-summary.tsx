import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../../../contracts/companies';
import { useFormat } from '../../../lib/use-format';
import { useTeamOptions } from '../api/lookups-api';
import { countryName } from './options';
import { RoleBadges } from './role-badges';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div style={{ fontSize: 'var(--mantine-font-size-sm)', wordBreak: 'break-word' }}>
        {children ?? '—'}
      </div>
    </Stack>
  );
}

/** IBAN in groups of four, as printed on invoices. */
const groupIban = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

/** The head of a company's page: name, roles, key facts and the page's actions. */
export function CompanySummary({ company, actions }: { company: Company; actions?: ReactNode }) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const teams = useTeamOptions();
  const team = teams.data?.find((o) => o.value === company.teamId)?.label;
  const isSupplier = company.roles.includes('supplier');
  const address = [company.street, [company.postalCode, company.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');

  return (
    <Paper withBorder radius="md" p="lg" data-testid="company-summary">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="md">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <IconBuildingSkyscraper size={34} stroke={1.4} style={{ flexShrink: 0, marginTop: 2 }} />
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Title order={2} data-testid="company-title">
              {company.name}
            </Title>
            {company.legalName ? (
              <Text size="sm" c="dimmed">
                {company.legalName}
              </Text>
            ) : null}
            <RoleBadges roles={company.roles} />
          </Stack>
        </Group>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm">
        <Fact label={t('fields.address')}>
          {address || '—'}
          <br />
          {countryName(company.country, fmt.locale)}
        </Fact>
        <Fact label={t('fields.industry')}>{company.industry ?? '—'}</Fact>
        <Fact label={t('fields.segment')}>{company.segmentName ?? '—'}</Fact>
        <Fact label={t('fields.size')}>
          {company.employees !== null
            ? t('employeesValue', { count: company.employees, value: fmt.number(company.employees) })
            : '—'}
          {company.revenueBand ? (
            <>
              <br />
              {t(`revenueBands.${company.revenueBand}`)}
            </>
          ) : null}
        </Fact>
        <Fact label={t('fields.website')}>
          {company.website ? (
            <Anchor href={company.website} target="_blank" rel="noopener noreferrer" size="sm">
              {company.webDomain ?? company.website}
            </Anchor>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label={t('fields.vatId')}>{company.vatId ?? '—'}</Fact>
        <Fact label={t('fields.paymentTermsDays')}>
          {t('paymentTermsValue', { count: company.paymentTermsDays })}
        </Fact>
        <Fact label={t('fields.ownerAndTeam')}>
          {company.ownerName ?? '—'}
          {team ? ` · ${team}` : ''}
        </Fact>
        {isSupplier || company.iban || company.bic ? (
          <Fact label={t('fields.bankDetails')} testId="company-bank-details">
            {company.iban || company.bic ? (
              <>
                {company.iban ? groupIban(company.iban) : '—'}
                {company.bic ? (
                  <>
                    <br />
                    {company.bic}
                  </>
                ) : null}
              </>
            ) : (
              <Text span size="sm" c="orange">
                {t('hints.bankMissing')}
              </Text>
            )}
          </Fact>
        ) : null}
        {company.tags.length > 0 ? (
          <Fact label={t('fields.tags')}>
            <Group gap={4}>
              {company.tags.map((tag) => (
                <Badge key={tag} size="sm" variant="outline" color="gray">
                  {tag}
                </Badge>
              ))}
            </Group>
          </Fact>
        ) : null}
      </SimpleGrid>
      {company.notes ? (
        <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
          {company.notes}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" mt="md">
        {t('meta', { created: fmt.dateTime(company.createdAt), updated: fmt.dateTime(company.updatedAt) })}
      </Text>
    </Paper>
  );
}
