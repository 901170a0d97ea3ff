import { Anchor, Button, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useContacts } from '../api/contacts-api';
import { MailingBadge } from './contact-columns';
import { ContactFormModal } from './contact-form-modal';

/** The people of a company, with "add contact". */
export function CompanyContacts({ companyId, canWrite }: { companyId: string; canWrite: boolean }) {
  const { t } = useTranslation('companies');
  const [adding, setAdding] = useState(false);
  const query = useContacts({ q: '', companyId, ownerId: '' }, 'lastName');
  const contacts = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Paper withBorder radius="md" p="md" data-testid="company-contacts">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('contacts.title')}</Title>
        {canWrite ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUserPlus size={14} />}
            onClick={() => setAdding(true)}
            data-testid="company-add-contact"
          >
            {t('contacts.create.button')}
          </Button>
        ) : null}
      </Group>
      {query.isPending ? (
        <Loader size="sm" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : contacts.length === 0 ? (
        <EmptyState title={t('contacts.emptyCompany')} />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Tbody>
              {contacts.map((c) => (
                <Table.Tr key={c.id} data-testid="company-contact" data-contact-id={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${c.id}`} size="sm" fw={500}>
                      {c.name}
                    </Anchor>
                    {c.position ? (
                      <Text size="xs" c="dimmed">
                        {c.position}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {c.primaryEmail ? (
                      <Anchor href={`mailto:${c.primaryEmail}`} size="sm">
                        {c.primaryEmail}
                      </Anchor>
                    ) : (
                      <Text span size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.phones[0]?.number ?? '—'}</Table.Td>
                  <Table.Td>
                    <MailingBadge contact={c} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        testId="company-contacts-load-more"
      />
      <ContactFormModal opened={adding} onClose={() => setAdding(false)} companyId={companyId} />
    </Paper>
  );
}
