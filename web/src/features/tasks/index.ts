export {
  type TaskFilters,
  type TaskRelation,
  taskKeys,
  useClaimTask,
  useTask,
  useTasks,
} from './api/tasks-api';
export { CompleteTaskModal } from './components/complete-task-modal';
export { LogActivityButton } from './components/log-activity';
export { MyOpenTasks } from './components/my-open-tasks';
export { OpenTasksPanel } from './components/open-tasks-panel';
export { TaskDetail } from './components/task-detail';
export { TaskFormModal } from './components/task-form-modal';
export type { TaskDefaults } from './components/task-form-values';
export { TaskTypesSettings } from './components/task-types-settings';
export { TasksList } from './components/tasks-list';
