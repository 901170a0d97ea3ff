export { type MarketCoverageFilters, marketCoverageKeys, useMarketCoverage } from './api/market-coverage-api';
export { LazyMarketCoverageChart } from './components/lazy-market-coverage-chart';
export { MarketCoverageTable } from './components/market-coverage-table';
