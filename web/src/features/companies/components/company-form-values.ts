import type { Company } from '../../../../../contracts/companies';

/** The company form's fields (numbers as typed), and how they map to and from the API. */
export interface CompanyValues extends Record<string, unknown> {
  name: string;
  legalName: string;
  roles: string[];
  street: string;
  postalCode: string;
  city: string;
  country: string | null;
  industry: string;
  segmentId: string | null;
  employees: number | string;
  revenueBand: string | null;
  website: string;
  vatId: string;
  iban: string;
  bic: string;
  paymentTermsDays: number | string;
  ownerId: string | null;
  teamId: string | null;
  tags: string[];
  notes: string;
}

/** A new company: a German prospect on 14 days' terms, owned by whoever creates it. */
export const emptyCompanyValues = (ownerId: string): CompanyValues => ({
  name: '',
  legalName: '',
  roles: ['prospect'],
  street: '',
  postalCode: '',
  city: '',
  country: 'DE',
  industry: '',
  segmentId: null,
  employees: '',
  revenueBand: null,
  website: '',
  vatId: '',
  iban: '',
  bic: '',
  paymentTermsDays: 14,
  ownerId,
  teamId: null,
  tags: [],
  notes: '',
});

export const fromCompany = (c: Company): CompanyValues => ({
  name: c.name,
  legalName: c.legalName ?? '',
  roles: [...c.roles],
  street: c.street ?? '',
  postalCode: c.postalCode ?? '',
  city: c.city ?? '',
  country: c.country,
  industry: c.industry ?? '',
  segmentId: c.segmentId,
  employees: c.employees ?? '',
  revenueBand: c.revenueBand,
  website: c.website ?? '',
  vatId: c.vatId ?? '',
  iban: c.iban ?? '',
  bic: c.bic ?? '',
  paymentTermsDays: c.paymentTermsDays,
  ownerId: c.ownerId,
  teamId: c.teamId,
  tags: [...c.tags],
  notes: c.notes ?? '',
});

/** The request shape of the form's values ('' numbers → null, no owner → the creator). */
export function toCompanyInput(v: CompanyValues) {
  const number = (x: number | string) =>
    x === '' || x === null ? null : typeof x === 'number' ? x : Number(x);
  return {
    name: v.name,
    legalName: v.legalName,
    roles: v.roles,
    street: v.street,
    postalCode: v.postalCode,
    city: v.city,
    country: v.country ?? '',
    industry: v.industry,
    segmentId: v.segmentId,
    employees: number(v.employees),
    revenueBand: v.revenueBand,
    website: v.website,
    vatId: v.vatId,
    iban: v.iban,
    bic: v.bic,
    paymentTermsDays: number(v.paymentTermsDays) ?? undefined,
    ownerId: v.ownerId ?? undefined,
    teamId: v.teamId,
    tags: v.tags,
    notes: v.notes,
  };
}
