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
  if (typeof value === 'number') return fmt.number(value);
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
          : describe(v, '', t, fmt),
      )
      .join(', ');
  }
  return JSON.stringify(value);
}

export function ChangeValue({ value, field }: { value: unknown; field: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = describe(value, field, t, fmt);
  return (
    <Text span size="sm" c={text === '—' ? 'dimmed' : undefined} style={{ wordBreak: 'break-word' }}>
      {text}
    </Text>
  );
}
