import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import deAudit from '../locales/de/audit.json';
import deAuth from '../locales/de/auth.json';
import deAutomation from '../locales/de/automation.json';
import deBilling from '../locales/de/billing.json';
import deCalendar from '../locales/de/calendar.json';
import deCatalog from '../locales/de/catalog.json';
import deCommon from '../locales/de/common.json';
import deCompanies from '../locales/de/companies.json';
import deDashboard from '../locales/de/dashboard.json';
import deDunning from '../locales/de/dunning.json';
import deGoals from '../locales/de/goals.json';
import deImports from '../locales/de/imports.json';
import deInventory from '../locales/de/inventory.json';
import deNotifications from '../locales/de/notifications.json';
import dePurchasing from '../locales/de/purchasing.json';
import deReceivables from '../locales/de/receivables.json';
import deReports from '../locales/de/reports.json';
import deSales from '../locales/de/sales.json';
import deSegments from '../locales/de/segments.json';
import deStockReport from '../locales/de/stockReport.json';
import deTasks from '../locales/de/tasks.json';
import deTeams from '../locales/de/teams.json';
import deTokens from '../locales/de/tokens.json';
import deUsers from '../locales/de/users.json';
import deValidation from '../locales/de/validation.json';
import deWebhooks from '../locales/de/webhooks.json';
import deWorkload from '../locales/de/workload.json';
import enAudit from '../locales/en/audit.json';
import enAuth from '../locales/en/auth.json';
import enAutomation from '../locales/en/automation.json';
import enBilling from '../locales/en/billing.json';
import enCalendar from '../locales/en/calendar.json';
import enCatalog from '../locales/en/catalog.json';
import enCommon from '../locales/en/common.json';
import enCompanies from '../locales/en/companies.json';
import enDashboard from '../locales/en/dashboard.json';
import enDunning from '../locales/en/dunning.json';
import enGoals from '../locales/en/goals.json';
import enImports from '../locales/en/imports.json';
import enInventory from '../locales/en/inventory.json';
import enNotifications from '../locales/en/notifications.json';
import enPurchasing from '../locales/en/purchasing.json';
import enReceivables from '../locales/en/receivables.json';
import enReports from '../locales/en/reports.json';
import enSales from '../locales/en/sales.json';
import enSegments from '../locales/en/segments.json';
import enStockReport from '../locales/en/stockReport.json';
import enTasks from '../locales/en/tasks.json';
import enTeams from '../locales/en/teams.json';
import enTokens from '../locales/en/tokens.json';
import enUsers from '../locales/en/users.json';
import enValidation from '../locales/en/validation.json';
import enWebhooks from '../locales/en/webhooks.json';
import enWorkload from '../locales/en/workload.json';
import type { AppLocale } from './format';

export const LANGUAGES: readonly AppLocale[] = ['de', 'en'];
export const DEFAULT_LANGUAGE: AppLocale = 'de';
const STORAGE_KEY = 'kontor.locale';

export const resources = {
  de: {
    common: deCommon,
    auth: deAuth,
    dashboard: deDashboard,
    users: deUsers,
    teams: deTeams,
    tokens: deTokens,
    audit: deAudit,
    sales: deSales,
    reports: deReports,
    companies: deCompanies,
    segments: deSegments,
    imports: deImports,
    validation: deValidation,
    billing: deBilling,
    catalog: deCatalog,
    inventory: deInventory,
    purchasing: dePurchasing,
    stockReport: deStockReport,
    dunning: deDunning,
    receivables: deReceivables,
    tasks: deTasks,
    notifications: deNotifications,
    calendar: deCalendar,
    goals: deGoals,
    workload: deWorkload,
    automation: deAutomation,
    webhooks: deWebhooks,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    dashboard: enDashboard,
    users: enUsers,
    teams: enTeams,
    tokens: enTokens,
    audit: enAudit,
    sales: enSales,
    reports: enReports,
    companies: enCompanies,
    segments: enSegments,
    imports: enImports,
    validation: enValidation,
    billing: enBilling,
    catalog: enCatalog,
    inventory: enInventory,
    purchasing: enPurchasing,
    stockReport: enStockReport,
    dunning: enDunning,
    receivables: enReceivables,
    tasks: enTasks,
    notifications: enNotifications,
    calendar: enCalendar,
    goals: enGoals,
    workload: enWorkload,
    automation: enAutomation,
    webhooks: enWebhooks,
  },
} as const;

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Before login: the language chosen last on this device, else the browser's, else German. */
export function detectInitialLanguage(): AppLocale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isAppLocale(stored)) return stored;
  } catch {
    // storage disabled
  }
  const browser = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  for (const tag of browser) {
    const base = tag?.slice(0, 2).toLowerCase();
    if (isAppLocale(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

/** Switches the UI language now and remembers it on this device. */
export async function applyLanguage(locale: AppLocale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage disabled
  }
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export function currentLanguage(): AppLocale {
  return isAppLocale(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export function initI18n(): typeof i18n {
  if (i18n.isInitialized) return i18n;
  const lng = detectInitialLanguage();
  document.documentElement.lang = lng;
  void i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(resources.de),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return i18n;
}

export { i18n };
