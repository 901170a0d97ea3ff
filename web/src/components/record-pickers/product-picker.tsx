import { ActionIcon, Combobox, Group, Text, TextInput, Tooltip, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPackage } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import type { ProductLookupItem } from '../../../../contracts/catalog';
import { useProductLookup } from '../../lib/record-lookups';

export interface ProductPickerTexts {
  placeholder: string;
  /** Tooltip of the package icon of a line that has a product. */
  linked: string;
  /** Label of the icon when it unlinks the product (with `onUnlink`). */
  unlink?: string;
  /** A line above the options. */
  hint?: string;
}

/**
 * A line's text field that picks a product from the catalog: typing searches active products by SKU
 * or name (debounced, `GET /api/products/lookup`) and offers them; choosing one calls `onPick`. A
 * line with a product shows a package icon — a button that unlinks the product when `onUnlink` is
 * given (deal and invoice lines may be free text), a plain mark otherwise (order lines need one).
 * Used by the catalog's line picker (deals, invoices) and purchase order lines.
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
  texts,
  optionTestId,
  optionsTestId,
  optionLabel,
  optionDetail,
}: {
  /** The line's text. */
  value: string;
  productId: string | null;
  onChange: (description: string) => void;
  onPick: (product: ProductLookupItem) => void;
  onUnlink?: (() => void) | undefined;
  /** Accessible label of the field. */
  label: string;
  error?: string | undefined;
  testId: string;
  texts: ProductPickerTexts;
  /** data-testid of an option, e.g. `product-option-${sku}`. */
  optionTestId: (product: ProductLookupItem) => string;
  /** data-testid of the dropdown. */
  optionsTestId: string;
  /** Accessible name of an option. */
  optionLabel: (product: ProductLookupItem) => string;
  /** Shown right of an option's SKU and name (e.g. its price). */
  optionDetail?: (product: ProductLookupItem) => ReactNode;
}) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [debounced] = useDebouncedValue(value, 250);
  const [searching, setSearching] = useState(false);
  const lookup = useProductLookup(debounced, searching);
  const items = searching ? (lookup.data?.items ?? []) : [];
  // a free-text line offers products as soon as it is entered empty; a product line only when unlinked
  const offerOnEntry = onUnlink ? !value.trim() : !productId;

  const open = () => {
    setSearching(true);
    combobox.openDropdown();
  };

  const icon = productId ? (
    <Tooltip label={texts.linked} withinPortal>
      {onUnlink ? (
        <ActionIcon
          variant="subtle"
          color="blue"
          size="sm"
          aria-label={texts.unlink}
          onClick={onUnlink}
          data-testid={`${testId}-product`}
        >
          <IconPackage size={16} />
        </ActionIcon>
      ) : (
        <ActionIcon variant="subtle" color="blue" size="sm" aria-hidden tabIndex={-1}>
          <IconPackage size={16} />
        </ActionIcon>
      )}
    </Tooltip>
  ) : null;

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
          placeholder={texts.placeholder}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            open();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => {
            if (offerOnEntry) open();
          }}
          onClick={() => {
            if (offerOnEntry) open();
          }}
          onBlur={() => {
            setSearching(false);
            combobox.closeDropdown();
          }}
          error={error}
          data-testid={testId}
          data-product-id={productId ?? undefined}
          rightSection={onUnlink ? icon : null}
          leftSection={onUnlink ? null : icon}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={items.length === 0} data-testid={optionsTestId}>
        {texts.hint ? (
          <Combobox.Header>
            <Text size="xs" c="dimmed">
              {texts.hint}
            </Text>
          </Combobox.Header>
        ) : null}
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {items.map((p) => (
            <Combobox.Option
              key={p.id}
              value={p.id}
              aria-label={optionLabel(p)}
              data-testid={optionTestId(p)}
            >
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  <Text span ff="monospace" size="sm" c="dimmed">
                    {p.sku}
                  </Text>
                  {' · '}
                  {p.name}
                </Text>
                {optionDetail ? optionDetail(p) : null}
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
