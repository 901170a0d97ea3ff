import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { ContactFormModal, ContactsList } from '../../features/companies';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/contacts`: the people at all companies you can see; `/contacts/:id` opens one over the list. */
export function ContactsPage() {
  const { t } = useTranslation('companies');
  const can = useCan();
  const navigate = useNavigate();
  const [createOpened, createModal] = useDisclosure(false);

  return (
    <RequirePermission permission="companies.read">
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.description')}
        actions={
          can('companies.write') ? (
            <Button
              leftSection={<IconUserPlus size={16} />}
              onClick={createModal.open}
              data-testid="contact-create"
            >
              {t('contacts.create.button')}
            </Button>
          ) : null
        }
      />
      <ContactsList />
      <ContactFormModal
        opened={createOpened}
        onClose={createModal.close}
        onSaved={(contact) => navigate(`/contacts/${contact.id}`)}
      />
      <Outlet />
    </RequirePermission>
  );
}
