/** Whether an existing value and an imported one are the same (null, undefined and missing alike). */
export function sameValue(current: unknown, next: unknown): boolean {
  return JSON.stringify(current ?? null) === JSON.stringify(next ?? null);
}

/** An existing list with the imported values added (an import adds tags, roles, e-mails; it removes none). */
export function unionList<T>(
  current: readonly T[] | null | undefined,
  next: readonly T[] | undefined,
  key: (v: T) => string = String,
): T[] {
  const out = [...(current ?? [])];
  const seen = new Set(out.map(key));
  for (const v of next ?? []) {
    if (seen.has(key(v))) continue;
    seen.add(key(v));
    out.push(v);
  }
  return out;
}
