import type { SelectProps } from '@mantine/core';

/** A record picker is a Mantine Select whose options it loads itself; the caller sets the rest. */
export type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

export interface PickerOption {
  value: string;
  label: string;
}

/**
 * The chosen record stays an option while the loaded ones do not include it (not among the search
 * results, not loaded yet): `selectedLabel` names it.
 */
export function withSelected(
  items: PickerOption[],
  value: string | null,
  selectedLabel: string | null | undefined,
): PickerOption[] {
  if (value && selectedLabel && !items.some((i) => i.value === value)) {
    return [{ value, label: selectedLabel }, ...items];
  }
  return items;
}
