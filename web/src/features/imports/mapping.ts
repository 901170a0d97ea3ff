import { IMPORT_FIELDS, type ImportMapping, type ImportUpload } from '../../../../contracts/imports';

/** The fields still missing for the entity type (required ones, and the company of contacts and deals). */
export function missingFields(upload: Pick<ImportUpload, 'entityType'>, mapping: ImportMapping): string[][] {
  const mapped = new Set(Object.values(mapping).filter(Boolean));
  const specs = IMPORT_FIELDS[upload.entityType] as ReadonlyArray<{
    name: string;
    required?: true | 'companyRef';
  }>;
  const missing = specs.filter((s) => s.required === true && !mapped.has(s.name)).map((s) => [s.name]);
  const refs = specs.filter((s) => s.required === 'companyRef').map((s) => s.name);
  if (refs.length && !refs.some((r) => mapped.has(r))) missing.push(refs);
  return missing;
}
