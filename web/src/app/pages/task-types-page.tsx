import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { TaskTypesSettings } from '../../features/tasks';
import { RequirePermission } from '../require-permission';

/** `/admin/task-types`: the kinds of tasks and activities (built-in and the company's own). */
export function TaskTypesPage() {
  const { t } = useTranslation('tasks');
  return (
    <RequirePermission permission="taskTypes.manage">
      <PageHeader title={t('types.title')} description={t('types.description')} />
      <TaskTypesSettings />
    </RequirePermission>
  );
}
