export { pipelinePurchasesKeys, usePipelinePurchases } from './api/pipeline-purchases-api';
export { useWorkloadReport, type WorkloadFilters, workloadKeys } from './api/workload-api';
export { PipelinePurchasesPanel } from './components/pipeline-purchases-panel';
export { tasksLink } from './components/task-links';
export { WorkloadReportView } from './components/workload-report';
