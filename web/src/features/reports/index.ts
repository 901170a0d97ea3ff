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
export {
  AgingReportView,
  CashFlowReportView,
  DsoReportView,
  openInvoicesLink,
  ReceivablesMini,
} from './components/receivables-report';
export { StockMini, type StockReportLinks, StockReportView } from './components/stock-report';
