import { Anchor, Center, Loader } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { InvoiceEditor, useInvoice } from '../../features/billing';
import { RequirePermission } from '../require-permission';

/**
 * `/invoices/new?companyId=…` creates an invoice for a company; `/invoices/:id/edit` edits a draft
 * (an issued invoice is immutable: it goes back to its page).
 */
export function InvoiceEditorPage() {
  const { t } = useTranslation('billing');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const query = useInvoice(id);
  const invoice = query.data;
  const back = id ? `/invoices/${id}` : '/invoices';

  return (
    <RequirePermission permission="invoices.write">
      <Anchor
        component={Link}
        to={back}
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center' }}
      >
        <IconChevronLeft size={14} /> {id ? t('editor.backToInvoice') : t('detail.back')}
      </Anchor>
      <PageHeader
        title={id ? t('editor.editTitle') : t('editor.newTitle')}
        description={t('editor.description')}
      />
      {!id ? (
        <InvoiceEditor
          companyId={params.get('companyId')}
          onSaved={(saved) => navigate(`/invoices/${saved.id}`)}
          onCancel={() => navigate(back)}
        />
      ) : invoice ? (
        invoice.status !== 'draft' ? (
          <Navigate to={back} replace />
        ) : (
          <InvoiceEditor
            key={invoice.version}
            invoice={invoice}
            onSaved={(saved) => navigate(`/invoices/${saved.id}`)}
            onCancel={() => navigate(back)}
            onReload={() => query.refetch()}
          />
        )
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
