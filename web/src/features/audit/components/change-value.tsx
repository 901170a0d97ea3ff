import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/use-format';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SECRET = /password|secret|token|hash/i;

/** Field label: a translated name where we know the field, else the field name made readable. */
export function fieldLabel(field: string, t: TFunction): string {
  const labels = t('audit:fields', { returnObjects: true }) as unknown as Record<string, string>;
  const known = labels?.[field];
  if (known) return known;
  const words = field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describe(value: unknown, field: string, t: TFunction, fmt: ReturnType<typeof useFormat>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (SECRET.test(field)) return t('audit:redacted');
  if (typeof value === 'boolean') return value ? t('common:yes') : t('common:no');
  if (typeof value === 'number') {
    // money is stored in cents (`amountCents`, `unitPriceCents`); all amounts are in euros today
    return /Cents$/.test(field) ? fmt.money(value, 'EUR') : fmt.number(value);
  }
  if (typeof value === 'string') {
    if (field === 'role') {
      const roles = t('common:roles', { returnObjects: true }) as unknown as Record<string, string>;
      return roles[value] ?? value;
    }
    if (field === 'locale') {
      const languages = t('common:languages', { returnObjects: true }) as unknown as Record<string, string>;
      return languages[value] ?? value;
    }
    if (DATE.test(value)) return fmt.date(value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return fmt.dateTime(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((v) =>
        v && typeof v === 'object' && 'name' in v
          ? String((v as { name: unknown }).name)
          : v && typeof v === 'object' && 'description' in v
            ? String((v as { description: unknown }).description)
            : describe(v, '', t, fmt),
      )
      .join(', ');
  }
  if (typeof value === 'object') {
    // a record reference ({ id, name }) or a labelled entry ({ address | number, label })
    const o = value as Record<string, unknown>;
    const main = o.name ?? o.address ?? o.number;
    if (main !== undefined && main !== null)
      return o.label ? `${String(main)} (${String(o.label)})` : String(main);
  }
  return JSON.stringify(value);
}

/**
 * Coded values of an entity type shown in words: field → the translation object that names each
 * value (a purchase order's status "approved" → "Freigegeben").
 */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  purchase_order: { status: 'purchasing:status' },
  product: { kind: 'catalog:kinds', unit: 'catalog:units' },
};

/** A coded value of an entity type in words, else null (the generic description applies). */
export function entityValueLabel(
  entityType: string,
  field: string,
  value: unknown,
  t: TFunction,
): string | null {
  const key = VALUE_LABELS[entityType]?.[field];
  if (!key || typeof value !== 'string') return null;
  const labels = t(key, { returnObjects: true }) as unknown;
  if (!labels || typeof labels !== 'object') return null;
  const label = (labels as Record<string, unknown>)[value];
  return typeof label === 'string' ? label : null;
}

/**
 * How a domain shows its own values in a history (a stage id as the stage's name, an enum in words);
 * null or undefined falls back to the generic description.
 */
export type ValueFormatter = (field: string, value: unknown) => string | null | undefined;

export function ChangeValue({
  value,
  field,
  formatValue,
}: {
  value: unknown;
  field: string;
  formatValue?: ValueFormatter;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const custom = value === null || value === undefined || value === '' ? null : formatValue?.(field, value);
  const text = custom ?? describe(value, field, t, fmt);
  return (
    <Text span size="sm" c={text === '—' ? 'dimmed' : undefined} style={{ wordBreak: 'break-word' }}>
      {text}
    </Text>
  );
}
