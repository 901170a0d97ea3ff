import { Grid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { Agenda, type AgendaState, type AgendaView, CalendarSubscriptionCard } from '../../features/calendar';
import { todayBusinessDate } from '../../lib/format';
import { RequirePermission } from '../require-permission';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `/calendar`: my tasks as a day or week agenda (`?view=day|week&date=YYYY-MM-DD`), and the iCal subscription. */
export function CalendarPage() {
  const { t } = useTranslation('calendar');
  const [params, setParams] = useSearchParams();
  const today = todayBusinessDate();
  const dateParam = params.get('date');
  const state: AgendaState = {
    view: (params.get('view') === 'day' ? 'day' : 'week') as AgendaView,
    date: dateParam && DATE.test(dateParam) ? dateParam : today,
    includeDone: params.get('done') === '1',
  };
  const change = (next: AgendaState) => {
    const search: Record<string, string> = {};
    if (next.view !== 'week') search.view = next.view;
    if (next.date !== today) search.date = next.date;
    if (next.includeDone) search.done = '1';
    setParams(search, { replace: true });
  };

  return (
    <RequirePermission permission="tasks.read">
      <PageHeader title={t('title')} description={t('description')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Agenda state={state} today={today} onChange={change} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <CalendarSubscriptionCard />
        </Grid.Col>
      </Grid>
    </RequirePermission>
  );
}
