import { Alert, Badge, Button, Group, List, Loader, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowsJoin, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../../contracts/companies';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useContact, useContactSearch, useMergeContact } from '../api/contacts-api';
import { MailingBadge } from './contact-columns';

const FILLABLE = ['firstName', 'position', 'notes'] as const;

function MergeSummary({ target, source }: { target: Contact; source: Contact }) {
  const { t } = useTranslation('companies');
  const filled = FILLABLE.filter((f) => !target[f] && source[f]);
  const newEmails = source.emails.filter((e) => !target.emails.some((x) => x.address === e.address));
  const newPhones = source.phones.filter((p) => !target.phones.some((x) => x.number === p.number));
  const rows: { label: string; a: React.ReactNode; b: React.ReactNode }[] = [
    { label: t('contacts.fields.name'), a: target.name, b: source.name },
    { label: t('contacts.fields.company'), a: target.companyName, b: source.companyName },
    { label: t('contacts.fields.position'), a: target.position ?? '—', b: source.position ?? '—' },
    {
      label: t('contacts.fields.emails'),
      a: target.emails.map((e) => e.address).join(', ') || '—',
      b: source.emails.map((e) => e.address).join(', ') || '—',
    },
    {
      label: t('contacts.fields.phones'),
      a: target.phones.map((p) => p.number).join(', ') || '—',
      b: source.phones.map((p) => p.number).join(', ') || '—',
    },
    {
      label: t('contacts.fields.mailing'),
      a: <MailingBadge contact={target} />,
      b: <MailingBadge contact={source} />,
    },
  ];
  return (
    <Stack gap="sm" data-testid="merge-summary">
      <Table withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="24%" />
            <Table.Th>{t('merge.stays', { name: target.name })}</Table.Th>
            <Table.Th>{t('merge.goes', { name: source.name })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Td c="dimmed">{r.label}</Table.Td>
              <Table.Td>{r.a}</Table.Td>
              <Table.Td>{r.b}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
        <List size="sm" spacing={2}>
          <List.Item>{t('merge.effects.fill', { count: filled.length })}</List.Item>
          {newEmails.length + newPhones.length > 0 ? (
            <List.Item>
              {t('merge.effects.unite', {
                items: [...newEmails.map((e) => e.address), ...newPhones.map((p) => p.number)].join(', '),
              })}
            </List.Item>
          ) : null}
          {source.optOut && !target.optOut ? (
            <List.Item>
              <Badge size="xs" color="red" variant="light" mr={6}>
                {t('contacts.mailing.optOut')}
              </Badge>
              {t('merge.effects.optOut')}
            </List.Item>
          ) : null}
          <List.Item>{t('merge.effects.hide', { name: source.name, target: target.name })}</List.Item>
          <List.Item>{t('merge.effects.audit')}</List.Item>
        </List>
      </Alert>
    </Stack>
  );
}

/** Merges a duplicate contact into this one (e-mails and phones united; an opt-out wins). */
export function ContactMergeModal({
  contact,
  opened,
  onClose,
  onReload,
}: {
  contact: Contact;
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
  // without a search: the colleagues at the same company (where duplicates usually are)
  const results = useContactSearch(debounced, {
    companyId: debounced.trim() ? undefined : contact.companyId,
    enabled: opened,
  });
  const source = useContact(sourceId);
  const merge = useMergeContact();

  const close = () => {
    setSourceId(null);
    setSearch('');
    setConflict(false);
    merge.reset();
    onClose();
  };

  const options = (results.data?.items ?? [])
    .filter((c) => c.id !== contact.id)
    .map((c) => ({
      value: c.id,
      label: `${c.name} · ${c.companyName}${c.primaryEmail ? ` · ${c.primaryEmail}` : ''}`,
    }));
  if (source.data && !options.some((o) => o.value === source.data.id)) {
    options.unshift({ value: source.data.id, label: `${source.data.name} · ${source.data.companyName}` });
  }

  const confirm = () => {
    if (!sourceId) return;
    merge.mutate(
      { id: contact.id, sourceId, version: contact.version },
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
      title={t('merge.title', { name: contact.name })}
      size="xl"
      data-testid="contact-merge-modal"
    >
      <Stack gap="md">
        {conflict ? <ConflictAlert onReload={() => void onReload().then(() => setConflict(false))} /> : null}
        <Text size="sm">{t('merge.introContact', { name: contact.name })}</Text>
        <Select
          label={t('merge.pickContact')}
          placeholder={t('merge.searchContactPlaceholder')}
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
        {source.data ? <MergeSummary target={contact} source={source.data} /> : null}
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
