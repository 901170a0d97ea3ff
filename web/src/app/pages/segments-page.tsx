import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { SEGMENT_SORTS, SegmentFormModal, SegmentImportModal, SegmentsList } from '../../features/segments';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/segments`: market segments and their market figures; create, edit, delete and CSV import. */
export function SegmentsPage() {
  const { t } = useTranslation('segments');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [createOpened, createModal] = useDisclosure(false);
  const [importOpened, importModal] = useDisclosure(false);
  const sortParam = params.get('sort');
  const sort = sortParam && (SEGMENT_SORTS as readonly string[]).includes(sortParam) ? sortParam : 'name';
  const canManage = can('segments.manage');

  return (
    <RequirePermission permission="segments.read">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          canManage ? (
            <>
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} />}
                onClick={importModal.open}
                data-testid="segment-import"
              >
                {t('import.button')}
              </Button>
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={createModal.open}
                data-testid="segment-create"
              >
                {t('create.button')}
              </Button>
            </>
          ) : null
        }
      />
      <SegmentsList
        canManage={canManage}
        sort={sort}
        onSortChange={(next) => setParams(next === 'name' ? {} : { sort: next }, { replace: true })}
      />
      <SegmentFormModal opened={createOpened} onClose={createModal.close} />
      <SegmentImportModal opened={importOpened} onClose={importModal.close} />
    </RequirePermission>
  );
}
