import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/use-format';
import { newKey, type ProductValues, type SupplierValues } from './product-values';
import { SupplierSelect } from './supplier-select';

/**
 * The product editor's suppliers: a row per supplier (company, their SKU, price, minimum order,
 * pack size, lead time), add and remove, exactly one preferred while there are any.
 */
export function ProductSuppliers({
  suppliers,
  kind,
  errors,
  readOnly,
  onChange,
}: {
  suppliers: SupplierValues[];
  kind: ProductValues['kind'];
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (suppliers: SupplierValues[]) => void;
}) {
  const { t } = useTranslation('catalog');
  const fmt = useFormat();
  // the number fields follow the interface language like the invoice editor's
  const decimal = fmt.locale === 'de' ? ',' : '.';
  const thousands = fmt.locale === 'de' ? '.' : ',';
  const setSupplier = (key: string, patch: Partial<SupplierValues>) =>
    onChange(
      suppliers.map((s) =>
        s.key === key ? { ...s, ...patch } : patch.preferred ? { ...s, preferred: false } : s,
      ),
    );
  const addSupplier = () =>
    onChange([
      ...suppliers,
      {
        key: newKey(),
        companyId: null,
        companyName: null,
        supplierSku: '',
        purchasePrice: '',
        minOrderQty: 1,
        packSize: 1,
        leadTimeDays: 0,
        preferred: suppliers.length === 0,
      },
    ]);
  const removeSupplier = (key: string) => {
    const rest = suppliers.filter((s) => s.key !== key);
    if (rest.length && !rest.some((s) => s.preferred)) rest[0] = { ...rest[0]!, preferred: true };
    onChange(rest);
  };

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('suppliers.title')}</Title>
        {!readOnly ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={addSupplier}
            data-testid="supplier-add"
          >
            {t('suppliers.add')}
          </Button>
        ) : null}
      </Group>
      {errors.suppliers ? (
        <Text c="red" size="sm" mb="xs">
          {errors.suppliers}
        </Text>
      ) : null}
      {suppliers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {kind === 'service' ? t('suppliers.noneService') : t('suppliers.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table data-testid="suppliers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('suppliers.preferred')}</Table.Th>
                <Table.Th>{t('suppliers.company')}</Table.Th>
                <Table.Th>{t('suppliers.supplierSku')}</Table.Th>
                <Table.Th>{t('suppliers.price')}</Table.Th>
                <Table.Th>{t('suppliers.minOrderQty')}</Table.Th>
                <Table.Th>{t('suppliers.packSize')}</Table.Th>
                <Table.Th>{t('suppliers.leadTime')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {suppliers.map((s, i) => (
                <Table.Tr key={s.key} data-testid={`supplier-row-${i}`}>
                  <Table.Td>
                    <Radio
                      checked={s.preferred}
                      onChange={() => setSupplier(s.key, { preferred: true })}
                      disabled={readOnly}
                      aria-label={t('suppliers.preferred')}
                      error={errors[`suppliers.${i}.preferred`]}
                      data-testid={`supplier-preferred-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    {readOnly ? (
                      s.companyName
                    ) : (
                      <SupplierSelect
                        value={s.companyId}
                        label={s.companyName}
                        onChange={(companyId, companyName) => setSupplier(s.key, { companyId, companyName })}
                        error={errors[`suppliers.${i}.companyId`]}
                        testId={`supplier-company-${i}`}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      value={s.supplierSku}
                      onChange={(e) => setSupplier(s.key, { supplierSku: e.currentTarget.value })}
                      readOnly={readOnly}
                      w={130}
                      data-testid={`supplier-sku-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      value={s.purchasePrice}
                      onChange={(v) => setSupplier(s.key, { purchasePrice: v })}
                      decimalScale={2}
                      min={0}
                      suffix=" €"
                      decimalSeparator={decimal}
                      thousandSeparator={thousands}
                      readOnly={readOnly}
                      w={120}
                      error={errors[`suppliers.${i}.purchasePrice`]}
                      data-testid={`supplier-price-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      value={s.minOrderQty}
                      onChange={(v) => setSupplier(s.key, { minOrderQty: v })}
                      decimalScale={3}
                      min={0}
                      decimalSeparator={decimal}
                      readOnly={readOnly}
                      w={100}
                      error={errors[`suppliers.${i}.minOrderQty`]}
                      data-testid={`supplier-min-qty-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      value={s.packSize}
                      onChange={(v) => setSupplier(s.key, { packSize: v })}
                      decimalScale={3}
                      min={0}
                      decimalSeparator={decimal}
                      readOnly={readOnly}
                      w={100}
                      error={errors[`suppliers.${i}.packSize`]}
                      data-testid={`supplier-pack-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      value={s.leadTimeDays}
                      onChange={(v) => setSupplier(s.key, { leadTimeDays: v })}
                      allowDecimal={false}
                      min={0}
                      max={365}
                      readOnly={readOnly}
                      w={90}
                      error={errors[`suppliers.${i}.leadTimeDays`]}
                      data-testid={`supplier-lead-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    {!readOnly ? (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => removeSupplier(s.key)}
                        aria-label={t('suppliers.remove')}
                        data-testid={`supplier-remove-${i}`}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
