import { Anchor, Breadcrumbs, Button, Center, Grid, Loader, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowsJoin, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../components/query-error';
import { CompanyInvoices } from '../../features/billing';
import {
  CompanyContacts,
  CompanyDeals,
  CompanyFormModal,
  CompanyMergeModal,
  CompanySummary,
  CompanyTimeline,
  MergedBanner,
  useCompany,
} from '../../features/companies';
import { CompanyPurchaseOrders } from '../../features/purchasing';
import { OpenTasksPanel } from '../../features/tasks';
import { isApiError } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { entityLink } from '../entity-links';
import { RequirePermission } from '../require-permission';
import { NotFoundPage } from './not-found-page';

/**
 * `/companies/:id`: a company's facts, contacts, deals and timeline, with edit and merge.
 * A merged duplicate shows where it went instead.
 */
export function CompaniesDetailPage() {
  const { t } = useTranslation('companies');
  const { id = '' } = useParams();
  const can = useCan();
  const query = useCompany(id);
  const [editOpened, edit] = useDisclosure(false);
  const [mergeOpened, merge] = useDisclosure(false);
  const company = query.data;
  const merged = Boolean(company?.mergedIntoId);
  const canWrite = can('companies.write') && !merged;

  if (isApiError(query.error, 404)) return <NotFoundPage />;

  return (
    <RequirePermission permission="companies.read">
      <Stack gap="md" data-testid="company-detail" data-company-id={id}>
        <Breadcrumbs>
          <Anchor component={Link} to="/companies" size="sm">
            {t('title')}
          </Anchor>
          <span>{company?.name ?? '…'}</span>
        </Breadcrumbs>
        {company ? (
          <>
            {company.mergedIntoId ? (
              <MergedBanner
                entity="company"
                mergedIntoId={company.mergedIntoId}
                mergedAt={company.mergedAt}
              />
            ) : null}
            <CompanySummary
              company={company}
              actions={
                <>
                  {can('companies.merge') && !merged ? (
                    <Button
                      variant="default"
                      leftSection={<IconArrowsJoin size={16} />}
                      onClick={merge.open}
                      data-testid="company-merge"
                    >
                      {t('merge.button')}
                    </Button>
                  ) : null}
                  {canWrite ? (
                    <Button
                      leftSection={<IconPencil size={16} />}
                      onClick={edit.open}
                      data-testid="company-edit"
                    >
                      {t('edit.button')}
                    </Button>
                  ) : null}
                </>
              }
            />
            <Grid gap="md">
              <Grid.Col span={{ base: 12, lg: 7 }}>
                <Stack gap="md">
                  <CompanyContacts companyId={company.id} canWrite={canWrite} />
                  {can('tasks.read') && !merged ? (
                    <OpenTasksPanel
                      relation={{ companyId: company.id }}
                      defaults={{ companyId: company.id, companyName: company.name }}
                    />
                  ) : null}
                  {can('invoices.read') && !merged ? <CompanyInvoices companyId={company.id} /> : null}
                  {can('purchaseOrders.read') && !merged && company.roles.includes('supplier') ? (
                    <CompanyPurchaseOrders companyId={company.id} />
                  ) : null}
                  {/* Deals of the company (read-only; the sales screens open a deal from here). */}
                  {can('deals.read') ? (
                    <CompanyDeals
                      companyId={company.id}
                      getDealLink={(dealId) => entityLink('deal', dealId, can)}
                      allLink={`/deals?companyId=${company.id}`}
                    />
                  ) : null}
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <CompanyTimeline
                  companyId={company.id}
                  canWrite={canWrite}
                  getLink={(type, refId) => entityLink(type, refId, can)}
                />
              </Grid.Col>
            </Grid>
            <CompanyFormModal
              opened={editOpened}
              onClose={edit.close}
              company={company}
              onReload={() => query.refetch()}
            />
            <CompanyMergeModal
              company={company}
              opened={mergeOpened}
              onClose={merge.close}
              onReload={() => query.refetch()}
            />
          </>
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Center py="xl">
            <Loader />
          </Center>
        )}
      </Stack>
    </RequirePermission>
  );
}
