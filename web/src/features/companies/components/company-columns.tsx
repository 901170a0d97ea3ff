import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Company } from '../../../../../contracts/companies';
import type { ListColumn } from '../../../components/list-table';
import { useFormat } from '../../../lib/use-format';
import type { ListViewColumn } from '../../../lib/use-list-view-state';
import { countryName } from './options';
import { RoleBadges } from './role-badges';

const dash = (
  <Text span c="dimmed" size="sm">
    —
  </Text>
);
const text = (value: string | null | undefined) => (value ? <Text size="sm">{value}</Text> : dash);

/** The columns of the companies list (id, default visibility) — stable, for useListViewState. */
export const COMPANY_COLUMNS: readonly ListViewColumn[] = [
  { id: 'name', alwaysVisible: true },
  { id: 'roles' },
  { id: 'legalName', defaultVisible: false },
  { id: 'city' },
  { id: 'country' },
  { id: 'industry', defaultVisible: false },
  { id: 'segment' },
  { id: 'employees', defaultVisible: false },
  { id: 'revenueBand', defaultVisible: false },
  { id: 'website', defaultVisible: false },
  { id: 'vatId', defaultVisible: false },
  { id: 'paymentTerms', defaultVisible: false },
  { id: 'owner' },
  { id: 'tags', defaultVisible: false },
  { id: 'createdAt', defaultVisible: false },
  { id: 'updatedAt' },
];

export function useCompanyColumns(): ListColumn<Company>[] {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  return useMemo(() => {
    const defs: Record<string, Omit<ListColumn<Company>, 'id' | 'defaultVisible' | 'alwaysVisible'>> = {
      name: {
        label: t('fields.name'),
        sortField: 'name',
        render: (c) => (
          <Anchor component={Link} to={`/companies/${c.id}`} size="sm" fw={500} c="var(--mantine-color-text)">
            {c.name}
          </Anchor>
        ),
        csv: (c) => c.name,
      },
      roles: {
        label: t('fields.roles'),
        render: (c) => <RoleBadges roles={c.roles} size="xs" />,
        csv: (c) => c.roles.map((r) => t(`roles.${r}`)).join(', '),
      },
      legalName: { label: t('fields.legalName'), render: (c) => text(c.legalName), csv: (c) => c.legalName },
      city: {
        label: t('fields.city'),
        sortField: 'city',
        render: (c) => text([c.postalCode, c.city].filter(Boolean).join(' ')),
        csv: (c) => c.city,
      },
      country: {
        label: t('fields.country'),
        render: (c) => text(countryName(c.country, fmt.locale)),
        csv: (c) => countryName(c.country, fmt.locale),
      },
      industry: { label: t('fields.industry'), render: (c) => text(c.industry), csv: (c) => c.industry },
      segment: { label: t('fields.segment'), render: (c) => text(c.segmentName), csv: (c) => c.segmentName },
      employees: {
        label: t('fields.employees'),
        sortField: 'employees',
        align: 'right',
        nowrap: true,
        render: (c) => (c.employees === null ? dash : <Text size="sm">{fmt.number(c.employees)}</Text>),
        csv: (c) => (c.employees === null ? '' : fmt.number(c.employees)),
      },
      revenueBand: {
        label: t('fields.revenueBand'),
        render: (c) => text(c.revenueBand ? t(`revenueBands.${c.revenueBand}`) : null),
        csv: (c) => (c.revenueBand ? t(`revenueBands.${c.revenueBand}`) : ''),
      },
      website: {
        label: t('fields.website'),
        render: (c) =>
          c.website ? (
            <Anchor href={c.website} target="_blank" rel="noopener noreferrer" size="sm">
              {c.webDomain ?? c.website}
            </Anchor>
          ) : (
            dash
          ),
        csv: (c) => c.website,
      },
      vatId: { label: t('fields.vatId'), nowrap: true, render: (c) => text(c.vatId), csv: (c) => c.vatId },
      paymentTerms: {
        label: t('fields.paymentTermsDays'),
        align: 'right',
        nowrap: true,
        render: (c) => <Text size="sm">{t('paymentTermsValue', { count: c.paymentTermsDays })}</Text>,
        csv: (c) => c.paymentTermsDays,
      },
      owner: { label: t('fields.owner'), render: (c) => text(c.ownerName), csv: (c) => c.ownerName },
      tags: {
        label: t('fields.tags'),
        render: (c) =>
          c.tags.length ? (
            <Group gap={4}>
              {c.tags.map((tag) => (
                <Badge key={tag} size="xs" variant="outline" color="gray">
                  {tag}
                </Badge>
              ))}
            </Group>
          ) : (
            dash
          ),
        csv: (c) => c.tags.join(', '),
      },
      createdAt: {
        label: t('fields.createdAt'),
        sortField: 'createdAt',
        nowrap: true,
        render: (c) => <Text size="sm">{fmt.date(c.createdAt)}</Text>,
        csv: (c) => fmt.date(c.createdAt),
      },
      updatedAt: {
        label: t('fields.updatedAt'),
        sortField: 'updatedAt',
        nowrap: true,
        render: (c) => <Text size="sm">{fmt.date(c.updatedAt)}</Text>,
        csv: (c) => fmt.date(c.updatedAt),
      },
    };
    return COMPANY_COLUMNS.map((col) => ({ ...col, ...defs[col.id]! }) as ListColumn<Company>);
  }, [t, fmt]);
}
