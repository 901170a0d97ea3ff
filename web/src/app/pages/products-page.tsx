import { Button, Group } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { ProductsList } from '../../features/catalog';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/products`: the catalog (search, filters and sort in the URL). */
export function ProductsPage() {
  const { t } = useTranslation('catalog');
  const can = useCan();
  return (
    <RequirePermission permission="products.read">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          can('products.write') ? (
            <Group>
              <Button
                component={Link}
                to="/import?type=products"
                variant="default"
                leftSection={<IconFileImport size={16} />}
                data-testid="products-import"
              >
                {t('import')}
              </Button>
              <Button
                component={Link}
                to="/products/new"
                leftSection={<IconPlus size={16} />}
                data-testid="product-create"
              >
                {t('create')}
              </Button>
            </Group>
          ) : null
        }
      />
      <ProductsList />
    </RequirePermission>
  );
}
