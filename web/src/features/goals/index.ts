export { type GoalFilters, goalKeys, useGoals, useMyGoals } from './api/goals-api';
export { GoalFiltersBar } from './components/goal-filters';
export { GoalFormModal } from './components/goal-form-modal';
export { GoalProgressBar } from './components/goal-progress-bar';
export { GoalStatusBadge } from './components/goal-status-badge';
export { GOAL_SORTS, GoalsTable } from './components/goals-table';
export { MyGoalsList } from './components/my-goals-widget';
