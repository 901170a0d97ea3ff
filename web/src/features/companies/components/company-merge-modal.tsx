import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowsJoin, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../../../contracts/companies';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { useCompany, useCompanyDuplicates, useCompanySearch, useMergeCompany } from '../api/companies-api';
import { countryName } from './options';
import { RoleBadges } from './role-badges';

/** Fields the merge fills on the company that stays when it has none (as merge-companies.ts does). */
const FILLABLE: (keyof Company)[] = [
  'legalName',
  'industry',
  'segmentName',
  'employees',
  'revenueBand',
  'website',
  'vatId',
  'iban',
  'bic',
  'notes',
];
/** The address is taken over as a whole, and only when the company that stays has none. */
const ADDRESS: (keyof Company)[] = ['street', 'postalCode', 'city'];
const blank = (v: unknown) => v === null || v === undefined || v === '';

/** Which fields of `target` the merge fills from `source`. */
export function filledByMerge(target: Company, source: Company): (keyof Company)[] {
  const simple = FILLABLE.filter((f) => blank(target[f]) && !blank(source[f]));
  const takesAddress = ADDRESS.every((f) => blank(target[f])) && ADDRESS.some((f) => !blank(source[f]));
  return [...(takesAddress ? ADDRESS.filter((f) => !blank(source[f])) : []), ...simple];
}

const LABEL_FIELD: Partial<Record<keyof Company, string>> = { segmentName: 'segment' };

function MergeSummary({ target, source }: { target: Company; source: Company }) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const show = (c: Company, f: keyof Company) => {
    const value = c[f];
    if (value === null || value === undefined || value === '') return '—';
    if (f === 'revenueBand') return t(`revenueBands.${String(value)}`);
    if (typeof value === 'number') return fmt.number(value);
    return String(value);
  };
  const filled = filledByMerge(target, source);
  const rows = [...ADDRESS, ...FILLABLE].filter((f) => !blank(target[f]) || !blank(source[f]));
  const newRoles = source.roles.filter((r) => !target.roles.includes(r));
  const newTags = source.tags.filter((tag) => !target.tags.includes(tag));

  return (
    <Stack gap="sm" data-testid="merge-summary">
      <Table withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="26%" />
            <Table.Th>{t('merge.stays', { name: target.name })}</Table.Th>
            <Table.Th>{t('merge.goes', { name: source.name })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td c="dimmed">{t('fields.roles')}</Table.Td>
            <Table.Td>
              <RoleBadges roles={target.roles} size="xs" />
            </Table.Td>
            <Table.Td>
              <RoleBadges roles={source.roles} size="xs" />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('fields.country')}</Table.Td>
            <Table.Td>{countryName(target.country, fmt.locale)}</Table.Td>
            <Table.Td>{countryName(source.country, fmt.locale)}</Table.Td>
          </Table.Tr>
          {rows.map((f) => (
            <Table.Tr key={f} data-filled={filled.includes(f) ? 'true' : 'false'}>
              <Table.Td c="dimmed">{t(`fields.${LABEL_FIELD[f] ?? f}`)}</Table.Td>
              <Table.Td>
                {filled.includes(f) ? (
                  <Badge size="xs" color="teal" variant="light">
                    {t('merge.filled')}
                  </Badge>
                ) : (
                  show(target, f)
                )}
              </Table.Td>
              <Table.Td fw={filled.includes(f) ? 600 : undefined}>{show(source, f)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
        <List size="sm" spacing={2}>
          <List.Item>{t('merge.effects.fill', { count: filled.length })}</List.Item>
          {newRoles.length + newTags.length > 0 ? (
            <List.Item>
              {t('merge.effects.unite', {
                items: [...newRoles.map((r) => t(`roles.${r}`)), ...newTags].join(', '),
              })}
            </List.Item>
          ) : null}
          <List.Item>{t('merge.effects.move', { name: source.name })}</List.Item>
          <List.Item>{t('merge.effects.hide', { name: source.name, target: target.name })}</List.Item>
          <List.Item>{t('merge.effects.audit')}</List.Item>
        </List>
      </Alert>
    </Stack>
  );
}

/**
 * Merges a duplicate into this company: pick it (suggested duplicates or a search), compare,
 * confirm. The duplicate's contacts, notes and linked records move here; it is kept, hidden.
 */
export function CompanyMergeModal({
  company,
  opened,
  onClose,
  onReload,
}: {
  company: Company;
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation('companies');
  const notify = useNotify();
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [conflict, setConflict] = useState(false);
  const suggestions = useCompanyDuplicates(
    {
      name: company.name,
      website: company.website ?? undefined,
      vatId: company.vatId ?? undefined,
      excludeId: company.id,
    },
    opened,
  );
  const results = useCompanySearch(debounced, { enabled: opened });
  const source = useCompany(sourceId);
  const merge = useMergeCompany();

  const close = () => {
    setSourceId(null);
    setSearch('');
    setConflict(false);
    merge.reset();
    onClose();
  };

  const visibleSuggestions = (suggestions.data?.duplicates ?? []).filter((d) => d.visible);
  const options = (results.data?.items ?? [])
    .filter((c) => c.id !== company.id)
    .map((c) => ({ value: c.id, label: c.city ? `${c.name} (${c.city})` : c.name }));
  // keep the chosen one in the list while the search text changes
  if (source.data && !options.some((o) => o.value === source.data.id)) {
    options.unshift({ value: source.data.id, label: source.data.name });
  }

  const confirm = () => {
    if (!sourceId) return;
    merge.mutate(
      { id: company.id, sourceId, version: company.version },
      {
        onSuccess: (merged) => {
          notify.success(t('merge.done', { name: source.data?.name ?? '', target: merged.name }));
          close();
        },
        onError: (err) => {
          if (isConflict(err)) setConflict(true);
          else notify.error(errorMessage(err, t));
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('merge.title', { name: company.name })}
      size="xl"
      data-testid="company-merge-modal"
    >
      <Stack gap="md">
        {conflict ? (
          <ConflictAlert
            onReload={() => {
              void onReload().then(() => setConflict(false));
            }}
          />
        ) : null}
        <Text size="sm">{t('merge.intro', { name: company.name })}</Text>
        {visibleSuggestions.length > 0 ? (
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('merge.suggestions')}
            </Text>
            <Group gap="xs">
              {visibleSuggestions.map((d) => (
                <UnstyledButton key={d.id} onClick={() => setSourceId(d.id)} data-testid="merge-suggestion">
                  <Badge
                    variant={sourceId === d.id ? 'filled' : 'light'}
                    color="orange"
                    size="lg"
                    style={{ cursor: 'pointer', textTransform: 'none' }}
                  >
                    {d.name} · {t(`duplicates.reasons.${d.reason}`)}
                    {d.ownerName ? ` · ${d.ownerName}` : ''}
                  </Badge>
                </UnstyledButton>
              ))}
            </Group>
          </Stack>
        ) : null}
        <Select
          label={t('merge.pick')}
          placeholder={t('merge.searchPlaceholder')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          data={options}
          value={sourceId}
          onChange={setSourceId}
          nothingFoundMessage={results.isFetching ? t('common:loading') : t('common:search.noResults')}
          rightSection={results.isFetching ? <Loader size={14} /> : undefined}
          data-testid="merge-source"
        />
        {sourceId && source.isPending ? <Loader size="sm" /> : null}
        {source.data ? <MergeSummary target={company} source={source.data} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            color="grape"
            leftSection={<IconArrowsJoin size={16} />}
            disabled={!source.data || conflict}
            loading={merge.isPending}
            onClick={confirm}
            data-testid="merge-confirm"
          >
            {t('merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
