export { findOnBoard, moveOnBoard } from './api/board-moves';
export {
  type BoardFilters,
  dealKeys,
  type OpenDealsSummary,
  useDeal,
  useMyOpenDeals,
} from './api/deals-api';
export { usePipelines } from './api/pipelines-api';
export { DealBoard } from './components/board/deal-board';
export { DealActions } from './components/deal-actions';
export { DealFacts, DealLinesTable, StageHistory } from './components/deal-detail';
export { DealFormModal } from './components/deal-form-modal';
export { useDealHistoryValues } from './components/deal-history-values';
export { DealsList } from './components/deals-list';
export { MyOpenDealsCard } from './components/my-open-deals-card';
export { PipelineSelect } from './components/pickers';
export { PipelinesSettings } from './components/pipelines-settings';
export { DealStatusBadge } from './components/status-badge';
