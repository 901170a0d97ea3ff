export { searchKeys, useGlobalSearch } from './api/search-api';
