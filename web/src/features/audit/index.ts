export { auditKeys } from './api/audit-api';
export { HistoryTimeline } from './components/history-timeline';
export { RecentChanges, shortId } from './components/recent-changes';
