export {
  COMPANY_FILTER_KEYS,
  COMPANY_SORTS,
  type CompanyFilters,
  companyKeys,
  fetchCompaniesPage,
  useCompany,
} from './api/companies-api';
export { contactKeys, useContact } from './api/contacts-api';
export { CompaniesList } from './components/companies-list';
export { CompanyContacts } from './components/company-contacts';
export { CompanyDeals } from './components/company-deals';
export { CompanyFormModal } from './components/company-form-modal';
export { CompanyMergeModal } from './components/company-merge-modal';
export { CompanySummary } from './components/company-summary';
export { CompanyTimeline } from './components/company-timeline';
export { ContactFormModal } from './components/contact-form-modal';
export { ContactMergeModal } from './components/contact-merge-modal';
export { ContactSummary } from './components/contact-summary';
export { ContactsList } from './components/contacts-list';
export { MergedBanner } from './components/merged-banner';
export { RoleBadges } from './components/role-badges';
