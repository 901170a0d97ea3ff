export { receivablesKeys } from './api/receivables-api';
export { type ForecastFilters, type FunnelBasis, type FunnelFilters, reportKeys } from './api/reports-api';
export { stockReportKeys, useReportWarehouses } from './api/stock-report-api';
export {
  ActivityConversionMini,
  ActivityConversionReportView,
} from './components/activity-conversion-report';
export { ForecastMiniChart, ForecastReportView } from './components/forecast-report';
export { FunnelReportView } from './components/funnel-report';
export { PERIODS, type Period, PeriodPicker, periodRange } from './components/period-picker';
export { AgingReportView } from './components/receivables/aging-report';
export { CashFlowReportView } from './components/receivables/cash-flow-report';
export { DsoReportView } from './components/receivables/dso-report';
export { openInvoicesLink } from './components/receivables/open-invoices-link';
export { ReceivablesMini } from './components/receivables/receivables-mini';
export type { StockReportLinks } from './components/stock/stock-links';
export { StockMini } from './components/stock/stock-mini';
export { StockReportView } from './components/stock/stock-report';
