import { Button, Center, Divider, Drawer, Group, Loader, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowsJoin, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/query-error';
import { HistoryTimeline } from '../../features/audit';
import {
  ContactFormModal,
  ContactMergeModal,
  ContactSummary,
  MergedBanner,
  useContact,
} from '../../features/companies';
import { OpenTasksPanel } from '../../features/tasks';
import { useCan } from '../../lib/auth';

/** `/contacts/:id`: a contact, its history, edit and merge, over the contacts list. */
export function ContactsDetailDrawer() {
  const { t } = useTranslation('companies');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const can = useCan();
  const query = useContact(id);
  const [editOpened, edit] = useDisclosure(false);
  const [mergeOpened, merge] = useDisclosure(false);
  const contact = query.data;
  const merged = Boolean(contact?.mergedIntoId);
  const close = () => navigate({ pathname: '/contacts', search: location.search });

  return (
    <Drawer
      opened
      onClose={close}
      position="right"
      size="lg"
      title={<Title order={3}>{t('contacts.detail.title')}</Title>}
      data-testid="contact-detail"
    >
      {contact ? (
        <Stack gap="lg">
          {contact.mergedIntoId ? (
            <MergedBanner entity="contact" mergedIntoId={contact.mergedIntoId} mergedAt={contact.mergedAt} />
          ) : null}
          <ContactSummary contact={contact} />
          {!merged && (can('companies.write') || can('companies.merge')) ? (
            <Group gap="xs">
              {can('companies.write') ? (
                <Button leftSection={<IconPencil size={16} />} onClick={edit.open} data-testid="contact-edit">
                  {t('edit.button')}
                </Button>
              ) : null}
              {can('companies.merge') ? (
                <Button
                  variant="default"
                  leftSection={<IconArrowsJoin size={16} />}
                  onClick={merge.open}
                  data-testid="contact-merge"
                >
                  {t('merge.button')}
                </Button>
              ) : null}
            </Group>
          ) : null}
          {can('tasks.read') && !merged ? (
            <OpenTasksPanel
              relation={{ contactId: contact.id }}
              defaults={{
                contactId: contact.id,
                contactName: contact.name,
                companyId: contact.companyId,
                companyName: contact.companyName,
              }}
            />
          ) : null}
          {can('audit.read') ? (
            <>
              <Divider label={t('contacts.detail.history')} labelPosition="left" />
              <HistoryTimeline entityType="contact" entityId={contact.id} />
            </>
          ) : null}
          <ContactFormModal
            opened={editOpened}
            onClose={edit.close}
            contact={contact}
            onReload={() => query.refetch()}
          />
          <ContactMergeModal
            contact={contact}
            opened={mergeOpened}
            onClose={merge.close}
            onReload={() => query.refetch()}
          />
        </Stack>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </Drawer>
  );
}
