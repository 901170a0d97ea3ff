import type { TFunction } from 'i18next';
import {
  COMPANY_ROLES,
  COUNTRY_CODES,
  type CompanyRole,
  REVENUE_BANDS,
} from '../../../../../contracts/companies';
import { intlLocale } from '../../../lib/format';

export const ROLE_COLOR: Record<CompanyRole, string> = {
  customer: 'teal',
  prospect: 'blue',
  supplier: 'orange',
  partner: 'grape',
};

export function roleOptions(t: TFunction) {
  return COMPANY_ROLES.map((role) => ({ value: role, label: t(`companies:roles.${role}`) }));
}

export function revenueBandOptions(t: TFunction) {
  return REVENUE_BANDS.map((band) => ({ value: band, label: t(`companies:revenueBands.${band}`) }));
}

export function languageOptions(t: TFunction) {
  return (['de', 'en'] as const).map((l) => ({ value: l, label: t(`common:languages.${l}`) }));
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** "Deutschland" / "Germany" for `DE`; the code itself where the browser cannot name it. */
export function countryName(code: string, locale: string): string {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([intlLocale(locale)], { type: 'region' });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

const FIRST = ['DE', 'AT', 'CH'];
const optionsCache = new Map<string, { value: string; label: string }[]>();

/** Every ISO country, named in the UI language, German-speaking countries first. */
export function countryOptions(locale: string) {
  let options = optionsCache.get(locale);
  if (!options) {
    const collator = new Intl.Collator(intlLocale(locale));
    const all = COUNTRY_CODES.map((code) => ({
      value: code,
      label: `${countryName(code, locale)} (${code})`,
    }));
    options = [
      ...FIRST.map((code) => all.find((o) => o.value === code)!),
      ...all.filter((o) => !FIRST.includes(o.value)).sort((a, b) => collator.compare(a.label, b.label)),
    ];
    optionsCache.set(locale, options);
  }
  return options;
}
