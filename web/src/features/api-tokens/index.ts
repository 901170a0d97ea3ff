export { apiTokenKeys } from './api/api-tokens-api';
export { ApiTokenCreateModal } from './components/api-token-create-modal';
export { ApiTokensList } from './components/api-tokens-list';
