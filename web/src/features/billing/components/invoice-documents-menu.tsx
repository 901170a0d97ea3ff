import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../../contracts/billing';
import { useNotify } from '../../../components/notifications';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { documentUrls, downloadDocument } from '../api/invoices-api';

/** Downloads an issued invoice as PDF, XRechnung (UBL, CII) or ZUGFeRD. */
export function InvoiceDocumentsMenu({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('billing');
  const notify = useNotify();
  const urls = documentUrls(invoice.id);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="invoice-documents">
          {t('actions.documents')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(
          [
            ['pdf', 'invoice-download-pdf', 'pdf'],
            ['ubl', 'invoice-download-ubl', 'xml'],
            ['cii', 'invoice-download-cii', 'xml'],
            ['zugferd', 'invoice-download-zugferd', 'pdf'],
          ] as const
        ).map(([doc, testId, ext]) => (
          <Menu.Item
            key={doc}
            onClick={() =>
              void downloadDocument(urls[doc], `${invoice.number ?? invoice.id}-${doc}.${ext}`).catch((err) =>
                notify.error(
                  err instanceof ApiError && err.problem.errors?.length
                    ? err.problem.errors.map((e) => e.message).join('; ')
                    : errorMessage(err, t),
                  t('documents.failed'),
                ),
              )
            }
            data-testid={testId}
          >
            {t(`documents.${doc}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
