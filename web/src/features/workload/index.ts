export { useWorkloadReport, type WorkloadFilters, workloadKeys } from './api/workload-api';
export { tasksLink } from './components/task-links';
export { WorkloadReportView } from './components/workload-report';
