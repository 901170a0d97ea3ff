import { Anchor, Center, Loader } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { BankStatementDetail, useBankStatement } from '../../features/billing';
import { isApiError } from '../../lib/api';
import { RequirePermission } from '../require-permission';
import { NotFoundPage } from './not-found-page';

/** `/bank-statements/:id`: one imported statement with its entries and what became of each. */
export function BankStatementDetailPage() {
  const { t } = useTranslation('billing');
  const { id = '' } = useParams();
  const query = useBankStatement(id);
  const statement = query.data;
  if (isApiError(query.error, 404)) return <NotFoundPage />;
  return (
    <RequirePermission permission="payments.write">
      <Anchor
        component={Link}
        to="/bank-statements"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center' }}
      >
        <IconChevronLeft size={14} /> {t('bank.detail.back')}
      </Anchor>
      {statement ? (
        <>
          <PageHeader
            title={t('bank.detail.title', { id: statement.statementId })}
            description={statement.accountIban}
          />
          <BankStatementDetail statement={statement} />
        </>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </RequirePermission>
  );
}
