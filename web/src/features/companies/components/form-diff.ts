/** Deep equality of plain form data (strings, numbers, arrays, row objects) by its JSON. */
export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The body of an update: only the fields whose request value changed since the form opened, plus the
 * version the server checks against (409 when someone saved in between). The create shape leaves out
 * an empty owner (the creator becomes owner); here a removed owner is sent as null.
 */
export function changedFields<I extends Record<string, unknown>>(
  input: I,
  baseline: I,
  version: number,
): Record<string, unknown> {
  const body: Record<string, unknown> = { version };
  for (const key of Object.keys(input) as (keyof I & string)[]) {
    if (!same(input[key], baseline[key])) body[key] = key === 'ownerId' ? (input[key] ?? null) : input[key];
  }
  return body;
}
