import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { ApiTokenCreateModal, ApiTokensList } from '../../features/api-tokens';
import { useCan, useSession } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

export function ApiTokensPage() {
  const { t } = useTranslation('tokens');
  const me = useSession();
  const can = useCan();
  const [opened, modal] = useDisclosure(false);

  return (
    <RequirePermission permission="apiTokens.manage">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={modal.open} data-testid="token-create">
            {t('create.button')}
          </Button>
        }
      />
      <ApiTokensList currentUserId={me.user.id} canReadUsers={can('users.read')} />
      <ApiTokenCreateModal opened={opened} onClose={modal.close} />
    </RequirePermission>
  );
}
