import { Anchor, Box, Breadcrumbs, Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ProductEditor, useProduct } from '../../features/catalog';
import { ProductStockSection } from '../../features/inventory';
import { isApiError } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { useFormat } from '../../lib/use-format';
import { RequirePermission } from '../require-permission';
import { NotFoundPage } from './not-found-page';

/**
 * `/products/new` and `/products/:id`: the product editor with its suppliers; below it, for a
 * stock-tracked product, its stock, reorder settings and move history.
 */
export function ProductDetailPage() {
  const { t } = useTranslation('catalog');
  const fmt = useFormat();
  const can = useCan();
  const navigate = useNavigate();
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const query = useProduct(isNew ? null : id);
  const product = query.data;

  const crumbs = (
    <Breadcrumbs mb="xs">
      <Anchor component={Link} to="/products" size="sm">
        {t('title')}
      </Anchor>
      <Text size="sm">{isNew ? t('create') : (product?.sku ?? '…')}</Text>
    </Breadcrumbs>
  );

  if (isNew) {
    return (
      <RequirePermission permission="products.write">
        {crumbs}
        <PageHeader title={t('create')} />
        <ProductEditor product={null} onSaved={(p) => navigate(`/products/${p.id}`, { replace: true })} />
      </RequirePermission>
    );
  }
  if (query.isPending) {
    return (
      <Center h="40vh">
        <Loader />
      </Center>
    );
  }
  if (isApiError(query.error, 404)) return <NotFoundPage />;
  if (query.isError || !product)
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <RequirePermission permission="products.read">
      <Stack gap={0}>
        {crumbs}
        <PageHeader
          title={`${product.sku} · ${product.name}`}
          description={t('meta', {
            created: fmt.dateTime(product.createdAt),
            updated: fmt.dateTime(product.updatedAt),
          })}
        />
        <ProductEditor
          key={`${product.id}:${product.version}`}
          product={product}
          onSaved={() => undefined}
          onReload={() => void query.refetch()}
        />
        {product.kind === 'stock' && can('stock.read') ? (
          <Box mt="xl">
            <ProductStockSection productId={product.id} unit={product.unit} />
          </Box>
        ) : null}
      </Stack>
    </RequirePermission>
  );
}
