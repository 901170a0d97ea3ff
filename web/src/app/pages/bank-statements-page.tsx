import { Stack, Tabs } from '@mantine/core';
import { IconChecklist, IconListDetails } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { BankReviewQueue, BankStatementsList, BankStatementUpload } from '../../features/billing';
import { RequirePermission } from '../require-permission';

const REVIEW = '/bank-statements/review';

/**
 * `/bank-statements`: upload a CAMT.053 statement and the list of imported ones;
 * `/bank-statements/review`: the entries that wait for a person to match or ignore them.
 */
export function BankStatementsPage() {
  const { t } = useTranslation('billing');
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tab = pathname === REVIEW ? 'review' : 'statements';
  return (
    <RequirePermission permission="payments.write">
      <PageHeader title={t('bank.title')} description={t('bank.description')} />
      <Stack gap="lg" data-testid="bank-statements-page">
        <BankStatementUpload reviewLink={REVIEW} />
        <Tabs
          value={tab}
          onChange={(value) => navigate(value === 'review' ? REVIEW : '/bank-statements')}
          keepMounted={false}
        >
          <Tabs.List mb="md">
            <Tabs.Tab
              value="statements"
              leftSection={<IconListDetails size={16} />}
              data-testid="bank-statements-tab"
            >
              {t('bank.tabs.statements')}
            </Tabs.Tab>
            <Tabs.Tab value="review" leftSection={<IconChecklist size={16} />} data-testid="bank-review-tab">
              {t('bank.tabs.review')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="statements">
            <BankStatementsList />
          </Tabs.Panel>
          <Tabs.Panel value="review">
            <BankReviewQueue />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </RequirePermission>
  );
}
