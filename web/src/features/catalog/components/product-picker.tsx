import { ActionIcon, Combobox, Group, Text, TextInput, Tooltip, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPackage } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductLookupItem } from '../../../../../contracts/catalog';
import { useFormat } from '../../../lib/use-format';
import { useProductLookup } from '../api/products-api';
import { productOptionLabel } from './product-line-values';

/**
 * A deal or invoice line's text field that also picks a product from the catalog: typing searches
 * active products by SKU or name (debounced, `GET /api/products/lookup`) and offers them as
 * "SKU · name · price"; choosing one calls `onPick` (the editor fills text, unit, price and VAT rate
 * from it, see productLinePatch). What is typed without choosing stays a free-text line. A line with
 * a product shows a package icon; clicking it makes the line free text again (the values stay).
 */
export function ProductPicker({
  value,
  productId,
  onChange,
  onPick,
  onUnlink,
  label,
  error,
  testId,
}: {
  /** The line's text. */
  value: string;
  productId: string | null;
  onChange: (description: string) => void;
  onPick: (product: ProductLookupItem) => void;
  onUnlink: () => void;
  /** Accessible label of the field. */
  label: string;
  error?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation('catalog');
  const fmt = useFormat();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [debounced] = useDebouncedValue(value, 250);
  const [searching, setSearching] = useState(false);
  const lookup = useProductLookup(debounced, searching);
  const items = searching ? (lookup.data?.items ?? []) : [];

  const open = () => {
    setSearching(true);
    combobox.openDropdown();
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const product = items.find((p) => p.id === id);
        if (product) onPick(product);
        setSearching(false);
        combobox.closeDropdown();
      }}
      position="bottom-start"
      width="max-content"
      withinPortal
    >
      <Combobox.Target>
        <TextInput
          aria-label={label}
          value={value}
          placeholder={t('picker.placeholder')}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            open();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => {
            if (!value.trim()) open();
          }}
          onClick={() => {
            if (!value.trim()) open();
          }}
          onBlur={() => {
            setSearching(false);
            combobox.closeDropdown();
          }}
          error={error}
          data-testid={testId}
          data-product-id={productId ?? undefined}
          rightSection={
            productId ? (
              <Tooltip label={t('picker.linked')} withinPortal>
                <ActionIcon
                  variant="subtle"
                  color="blue"
                  size="sm"
                  aria-label={t('picker.unlink')}
                  onClick={onUnlink}
                  data-testid={`${testId}-product`}
                >
                  <IconPackage size={16} />
                </ActionIcon>
              </Tooltip>
            ) : null
          }
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={items.length === 0} data-testid="product-picker-options">
        <Combobox.Header>
          <Text size="xs" c="dimmed">
            {t('picker.hint')}
          </Text>
        </Combobox.Header>
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {items.map((p) => {
            const price = fmt.money(p.unitPriceCents, 'EUR');
            return (
              <Combobox.Option
                key={p.id}
                value={p.id}
                aria-label={productOptionLabel(p, price)}
                data-testid={`product-option-${p.sku}`}
              >
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    <Text span ff="monospace" size="sm" c="dimmed">
                      {p.sku}
                    </Text>
                    {' · '}
                    {p.name}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {price}
                    <Text span size="xs" c="dimmed">
                      {' · '}
                      {t('picker.vat', { rate: p.vatRate })}
                    </Text>
                  </Text>
                </Group>
              </Combobox.Option>
            );
          })}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
