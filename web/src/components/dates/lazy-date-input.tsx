import { TextInput } from '@mantine/core';
import type { DateInputProps } from '@mantine/dates';
import { lazy, Suspense } from 'react';

const DateInputImpl = lazy(() => import('./date-input-impl'));

/**
 * A date input (value `YYYY-MM-DD`) that loads @mantine/dates only when first shown,
 * keeping the date picker out of the main bundle.
 */
export function LazyDateInput(props: DateInputProps) {
  return (
    <Suspense
      fallback={
        <TextInput
          label={props.label}
          description={props.description}
          placeholder={props.placeholder}
          required={props.required}
          disabled
        />
      }
    >
      <DateInputImpl {...props} />
    </Suspense>
  );
}
