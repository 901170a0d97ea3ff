import { ActionIcon, Combobox, Group, Text, TextInput, Tooltip, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPackage } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductLookupItem } from '../../../../../contracts/catalog';
import { useProductLookup } from '../api/settings-api';

/**
 * An order line's product: typing searches active products by SKU or name (debounced,
 * `GET /api/products/lookup`, like the catalog's line picker) and offers "SKU · name"; an order
 * line needs a product, so what is typed without choosing one stays an error until a product is
 * chosen. The chosen product shows a package icon.
 */
export function PoProductPicker({
  value,
  productId,
  onChange,
  onPick,
  label,
  error,
  testId,
}: {
  /** The line's text (the product's name once chosen). */
  value: string;
  productId: string | null;
  onChange: (description: string) => void;
  onPick: (product: ProductLookupItem) => void;
  label: string;
  error?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation('purchasing');
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
          placeholder={t('editor.productPlaceholder')}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            open();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => {
            if (!productId) open();
          }}
          onClick={() => {
            if (!productId) open();
          }}
          onBlur={() => {
            setSearching(false);
            combobox.closeDropdown();
          }}
          error={error}
          data-testid={testId}
          data-product-id={productId ?? undefined}
          leftSection={
            productId ? (
              <Tooltip label={t('editor.productLinked')} withinPortal>
                <ActionIcon variant="subtle" color="blue" size="sm" aria-hidden tabIndex={-1}>
                  <IconPackage size={16} />
                </ActionIcon>
              </Tooltip>
            ) : null
          }
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={items.length === 0} data-testid="po-product-options">
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {items.map((p) => (
            <Combobox.Option
              key={p.id}
              value={p.id}
              aria-label={`${p.sku} · ${p.name}`}
              data-testid={`po-product-option-${p.sku}`}
            >
              <Group gap="xs" wrap="nowrap">
                <Text span ff="monospace" size="sm" c="dimmed">
                  {p.sku}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {p.name}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
