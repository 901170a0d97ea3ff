export { auditKeys } from './api/audit-api';
export type { ValueFormatter } from './components/change-value';
export { HistoryTimeline } from './components/history-timeline';
export { RecentChanges, shortId } from './components/recent-changes';
