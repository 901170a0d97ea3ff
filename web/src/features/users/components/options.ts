import type { TFunction } from 'i18next';
import { Locale } from '../../../../../contracts/identity';
import { ROLES } from '../../../../../contracts/permissions';

export function roleOptions(t: TFunction) {
  return ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }));
}

export function localeOptions(t: TFunction) {
  return Locale.options.map((locale) => ({ value: locale, label: t(`common:languages.${locale}`) }));
}
