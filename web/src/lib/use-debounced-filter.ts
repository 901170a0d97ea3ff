import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';

/** A text filter typed into an input: applied (to the URL) after a pause. */
export function useDebouncedFilter(value: string, apply: (next: string) => void) {
  const [input, setInput] = useState(value);
  const [debounced] = useDebouncedValue(input, 300);
  // the URL can change it from outside (a saved view, the header search, "reset filters")
  useEffect(() => setInput(value), [value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text starts a new query
  useEffect(() => {
    if (debounced !== value) apply(debounced);
  }, [debounced]);
  return [input, setInput] as const;
}
