import { z } from 'zod';

/*
 * The field shapes of companies and contacts (and the names of segments): request schemas normalise
 * what people type (trimmed text, '' → null, upper-case VAT IDs and IBANs, websites with a scheme) so
 * the server and the web forms agree on one shape and one message. Re-exported by ./companies.
 */

// ─── shared field shapes ──────────────────────────────────────────────────────────────────────────
export const COMPANY_ROLES = ['customer', 'prospect', 'supplier', 'partner'] as const;
export const CompanyRole = z.enum(COMPANY_ROLES);
export type CompanyRole = z.infer<typeof CompanyRole>;

/** Annual revenue of a company, in EUR. */
export const REVENUE_BANDS = ['<1M', '1-10M', '10-50M', '50-250M', '>250M'] as const;
export const RevenueBand = z.enum(REVENUE_BANDS);
export type RevenueBand = z.infer<typeof RevenueBand>;

export const ContactLanguage = z.enum(['de', 'en']);

/** ISO 3166-1 alpha-2 codes. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');
const COUNTRY_SET = new Set(COUNTRY_CODES);

export const CountryCode = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const code = v.toUpperCase();
    if (!COUNTRY_SET.has(code)) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: 'Use a two-letter ISO 3166 country code such as DE, AT or CH',
      });
      return z.NEVER;
    }
    return code;
  });

/** Optional text: trimmed, at most `max` characters; '' and null clear it (→ null). */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Use at most ${max} characters` })
    .transform((v) => v || null)
    .nullish();

export const Name = z
  .string()
  .trim()
  .min(1, { message: 'Enter a name' })
  .max(200, { message: 'Use at most 200 characters' });

// ─── VAT IDs ──────────────────────────────────────────────────────────────────────────────────────
/** VAT identification number formats by prefix (EU member states as in VIES, plus CH, GB, XI). */
const VAT_FORMATS: Record<string, { country: string; pattern: RegExp; example: string; shape: string }> = {
  AT: {
    country: 'Austrian',
    pattern: /^ATU\d{8}$/,
    example: 'ATU12345678',
    shape: 'ATU followed by 8 digits',
  },
  BE: {
    country: 'Belgian',
    pattern: /^BE[01]\d{9}$/,
    example: 'BE0123456789',
    shape: 'BE followed by 10 digits starting with 0 or 1',
  },
  BG: {
    country: 'Bulgarian',
    pattern: /^BG\d{9,10}$/,
    example: 'BG123456789',
    shape: 'BG followed by 9 or 10 digits',
  },
  CH: {
    country: 'Swiss',
    pattern: /^CHE\d{9}(MWST|TVA|IVA)?$/,
    example: 'CHE123456789MWST',
    shape: 'CHE followed by 9 digits (and MWST, TVA or IVA)',
  },
  CY: {
    country: 'Cypriot',
    pattern: /^CY\d{8}[A-Z]$/,
    example: 'CY12345678X',
    shape: 'CY followed by 8 digits and a letter',
  },
  CZ: {
    country: 'Czech',
    pattern: /^CZ\d{8,10}$/,
    example: 'CZ12345678',
    shape: 'CZ followed by 8 to 10 digits',
  },
  DE: { country: 'German', pattern: /^DE\d{9}$/, example: 'DE123456789', shape: 'DE followed by 9 digits' },
  DK: { country: 'Danish', pattern: /^DK\d{8}$/, example: 'DK12345678', shape: 'DK followed by 8 digits' },
  EE: { country: 'Estonian', pattern: /^EE\d{9}$/, example: 'EE123456789', shape: 'EE followed by 9 digits' },
  EL: { country: 'Greek', pattern: /^EL\d{9}$/, example: 'EL123456789', shape: 'EL followed by 9 digits' },
  ES: {
    country: 'Spanish',
    pattern: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
    example: 'ESX1234567X',
    shape: 'ES followed by 9 characters (letter or digit, 7 digits, letter or digit)',
  },
  FI: { country: 'Finnish', pattern: /^FI\d{8}$/, example: 'FI12345678', shape: 'FI followed by 8 digits' },
  FR: {
    country: 'French',
    pattern: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
    example: 'FR12345678901',
    shape: 'FR followed by 2 characters and 9 digits',
  },
  GB: {
    country: 'British',
    pattern: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
    example: 'GB123456789',
    shape: 'GB followed by 9 or 12 digits',
  },
  HR: {
    country: 'Croatian',
    pattern: /^HR\d{11}$/,
    example: 'HR12345678901',
    shape: 'HR followed by 11 digits',
  },
  HU: { country: 'Hungarian', pattern: /^HU\d{8}$/, example: 'HU12345678', shape: 'HU followed by 8 digits' },
  IE: {
    country: 'Irish',
    pattern: /^IE(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
    example: 'IE1234567T',
    shape: 'IE followed by 7 digits and one or two letters',
  },
  IT: {
    country: 'Italian',
    pattern: /^IT\d{11}$/,
    example: 'IT12345678901',
    shape: 'IT followed by 11 digits',
  },
  LT: {
    country: 'Lithuanian',
    pattern: /^LT(\d{9}|\d{12})$/,
    example: 'LT123456789',
    shape: 'LT followed by 9 or 12 digits',
  },
  LU: {
    country: 'Luxembourg',
    pattern: /^LU\d{8}$/,
    example: 'LU12345678',
    shape: 'LU followed by 8 digits',
  },
  LV: {
    country: 'Latvian',
    pattern: /^LV\d{11}$/,
    example: 'LV12345678901',
    shape: 'LV followed by 11 digits',
  },
  MT: { country: 'Maltese', pattern: /^MT\d{8}$/, example: 'MT12345678', shape: 'MT followed by 8 digits' },
  NL: {
    country: 'Dutch',
    pattern: /^NL\d{9}B\d{2}$/,
    example: 'NL123456789B01',
    shape: 'NL followed by 9 digits, B and 2 digits',
  },
  PL: {
    country: 'Polish',
    pattern: /^PL\d{10}$/,
    example: 'PL1234567890',
    shape: 'PL followed by 10 digits',
  },
  PT: {
    country: 'Portuguese',
    pattern: /^PT\d{9}$/,
    example: 'PT123456789',
    shape: 'PT followed by 9 digits',
  },
  RO: {
    country: 'Romanian',
    pattern: /^RO\d{2,10}$/,
    example: 'RO1234567890',
    shape: 'RO followed by 2 to 10 digits',
  },
  SE: {
    country: 'Swedish',
    pattern: /^SE\d{10}01$/,
    example: 'SE123456789001',
    shape: 'SE followed by 12 digits ending in 01',
  },
  SI: { country: 'Slovenian', pattern: /^SI\d{8}$/, example: 'SI12345678', shape: 'SI followed by 8 digits' },
  SK: {
    country: 'Slovak',
    pattern: /^SK\d{10}$/,
    example: 'SK1234567890',
    shape: 'SK followed by 10 digits',
  },
  XI: {
    country: 'Northern Irish',
    pattern: /^XI(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
    example: 'XI123456789',
    shape: 'XI followed by 9 or 12 digits',
  },
};

/** Upper case without spaces, dots and dashes ("de 123.456.789" → "DE123456789"). */
export function normalizeVatId(input: string): string {
  return input.replace(/[\s.\-/]/g, '').toUpperCase();
}

/** Why a (normalised) VAT ID is not valid, or null when its format is right. */
export function vatIdError(vatId: string): string | null {
  const prefix = vatId.slice(0, 2);
  if (prefix === 'GR') return 'Greek VAT IDs start with EL, not GR (e.g. EL123456789)';
  const format = VAT_FORMATS[prefix];
  if (!format) {
    return `A VAT ID starts with its country prefix such as DE, ATU or FR; "${prefix}" is not one we know`;
  }
  if (!format.pattern.test(vatId)) {
    return `${format.country} VAT IDs are ${format.shape} (e.g. ${format.example})`;
  }
  return null;
}

export const VatId = z
  .string()
  .max(30, { message: 'A VAT ID has at most 30 characters' })
  .transform((v, ctx) => {
    const vat = normalizeVatId(v);
    if (!vat) return null;
    const message = vatIdError(vat);
    if (message) {
      ctx.issues.push({ code: 'custom', input: v, message });
      return z.NEVER;
    }
    return vat;
  })
  .nullish();

// ─── websites ─────────────────────────────────────────────────────────────────────────────────────
/**
 * "www.Mueller-GmbH.de/" → { url: "https://www.mueller-gmbh.de", domain: "mueller-gmbh.de" }.
 * The domain (host without `www.`) is what duplicate detection compares. Null when it is no web address.
 */
export function normalizeWebsite(input: string): { url: string; domain: string } | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) || /^\d+(\.\d+)+$/.test(host)) return null;
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return {
    url: `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}${path}${url.search}`,
    domain: host.replace(/^www\./, ''),
  };
}

export const Website = z
  .string()
  .max(300, { message: 'Use at most 300 characters' })
  .transform((v, ctx) => {
    if (!v.trim()) return null;
    const site = normalizeWebsite(v);
    if (!site) {
      ctx.issues.push({ code: 'custom', input: v, message: 'Enter a web address such as www.example.de' });
      return z.NEVER;
    }
    return site.url;
  })
  .nullish();

// ─── bank details (checksums are checked on the server with ibantools) ────────────────────────────
export const Iban = z
  .string()
  .max(50, { message: 'An IBAN has at most 34 characters' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase() || null)
  .nullish();
export const Bic = z
  .string()
  .max(20, { message: 'A BIC has 8 or 11 characters' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase() || null)
  .nullish();

export const Tags = z
  .array(
    z
      .string()
      .trim()
      .min(1, { message: 'A tag cannot be empty' })
      .max(50, { message: 'Use at most 50 characters' }),
  )
  .max(50, { message: 'Use at most 50 tags' })
  .transform((tags) => [...new Set(tags)]);

export const Roles = z
  .array(CompanyRole)
  .min(1, { message: 'Choose at least one role: customer, prospect, supplier or partner' })
  .transform((roles) => COMPANY_ROLES.filter((r) => roles.includes(r)));
