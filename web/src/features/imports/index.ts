export { importKeys } from './api/imports-api';
export { ImportWizard } from './components/import-wizard';
