export { COUNT_LIMIT, type Count, dashboardKeys, useListCount } from './api/dashboard-api';
export { DashboardGrid, type DashboardWidget, StatCard, WidgetCard } from './components/dashboard-grid';
export { Greeting } from './components/greeting';
