import { Anchor, Button, Stack } from '@mantine/core';
import { IconKey, IconUserCheck, IconUserStar, IconUsersGroup } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RecentChanges, shortId } from '../../features/audit';
import {
  DashboardGrid,
  type DashboardWidget,
  Greeting,
  StatCard,
  useListCount,
  WidgetCard,
} from '../../features/dashboard';
import { MyGoalsList } from '../../features/goals';
import {
  ActivityConversionMini,
  ForecastMiniChart,
  ReceivablesMini,
  StockMini,
} from '../../features/reports';
import { MyOpenDealsCard } from '../../features/sales';
import { MyOpenTasks } from '../../features/tasks';
import { useCan, useSession } from '../../lib/auth';
import { entityLink } from '../entity-links';
import { EntityName } from '../entity-name';

type TokenItem = { userId: string };

/** The "see all" link in a widget's header. */
function WidgetLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Button component={Link} to={to} variant="subtle" size="xs">
      {children}
    </Button>
  );
}

export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const me = useSession();
  const can = useCan();

  const activeUsers = useListCount('/users', { active: 'true' }, { enabled: can('users.read') });
  const teams = useListCount('/teams', {}, { enabled: can('teams.read') });
  const myTokens = useListCount<TokenItem>(
    '/api-tokens',
    {},
    {
      enabled: can('apiTokens.manage'),
      filter: (token) => token.userId === me.user.id,
      filterKey: me.user.id,
    },
  );

  const widgets: DashboardWidget[] = [];
  if (can('users.read')) {
    widgets.push({
      id: 'active-users',
      size: 'stat',
      element: (
        <StatCard
          label={t('cards.activeUsers')}
          count={activeUsers.data}
          loading={activeUsers.isPending}
          icon={<IconUserCheck size={24} />}
          color="teal"
          to={can('users.manage') ? '/users?active=true' : undefined}
          testId="stat-active-users"
        />
      ),
    });
  }
  if (can('teams.read')) {
    widgets.push({
      id: 'teams',
      size: 'stat',
      element: (
        <StatCard
          label={t('cards.teams')}
          count={teams.data}
          loading={teams.isPending}
          icon={<IconUsersGroup size={24} />}
          color="indigo"
          to={can('teams.manage') ? '/teams' : undefined}
          testId="stat-teams"
        />
      ),
    });
  }
  widgets.push({
    id: 'my-teams',
    size: 'stat',
    element: (
      <StatCard
        label={t('cards.myTeams')}
        count={{ value: me.teams.length, more: false }}
        icon={<IconUserStar size={24} />}
        color="grape"
        testId="stat-my-teams"
      />
    ),
  });
  if (can('apiTokens.manage')) {
    widgets.push({
      id: 'my-tokens',
      size: 'stat',
      element: (
        <StatCard
          label={t('cards.myTokens')}
          count={myTokens.data}
          loading={myTokens.isPending}
          icon={<IconKey size={24} />}
          color="orange"
          to="/api-tokens"
          testId="stat-my-tokens"
        />
      ),
    });
  }
  if (can('tasks.read')) {
    widgets.push({
      id: 'my-open-tasks',
      size: 'wide',
      element: (
        <WidgetCard
          title={t('tasks:widget.title')}
          action={<WidgetLink to="/tasks">{t('tasks:widget.all')}</WidgetLink>}
          testId="widget-my-open-tasks"
        >
          <MyOpenTasks />
        </WidgetCard>
      ),
    });
  }
  if (can('deals.read')) {
    widgets.push({
      id: 'my-open-deals',
      size: 'stat',
      element: <MyOpenDealsCard userId={me.user.id} viaForecast={can('salesReports.read')} />,
    });
  }
  if (can('deals.read') && can('salesReports.read')) {
    widgets.push({
      id: 'sales-forecast',
      size: 'wide',
      element: (
        <WidgetCard
          title={t('sales:dashboard.forecast')}
          action={<WidgetLink to="/reports">{t('sales:dashboard.toReports')}</WidgetLink>}
          testId="widget-sales-forecast"
        >
          <ForecastMiniChart />
        </WidgetCard>
      ),
    });
  }
  if (can('salesReports.read')) {
    widgets.push({
      id: 'activity-conversion',
      size: 'wide',
      element: (
        <WidgetCard
          title={t('reports:conversion.dashboardTitle')}
          action={<WidgetLink to="/reports">{t('sales:dashboard.toReports')}</WidgetLink>}
          testId="widget-activity-conversion"
        >
          <ActivityConversionMini />
        </WidgetCard>
      ),
    });
  }
  if (can('reports.receivables')) {
    widgets.push({
      id: 'receivables',
      size: 'wide',
      element: (
        <WidgetCard
          title={t('receivables:dashboard.title')}
          action={<WidgetLink to="/reports/receivables">{t('receivables:dashboard.toReport')}</WidgetLink>}
          testId="widget-receivables"
        >
          <ReceivablesMini />
        </WidgetCard>
      ),
    });
  }
  if (can('reports.stock')) {
    widgets.push({
      id: 'stock',
      size: 'wide',
      element: (
        <WidgetCard
          title={t('stockReport:dashboard.title')}
          action={<WidgetLink to="/reports/stock">{t('stockReport:dashboard.toReport')}</WidgetLink>}
          testId="widget-stock"
        >
          <StockMini />
        </WidgetCard>
      ),
    });
  }
  if (can('goals.read')) {
    widgets.push({
      id: 'my-goals',
      size: 'wide',
      element: (
        <WidgetCard title={t('goals:widget.title')} testId="widget-my-goals">
          <MyGoalsList showAllLink={can('goals.manage')} />
        </WidgetCard>
      ),
    });
  }
  if (can('audit.read')) {
    widgets.push({
      id: 'recent-changes',
      size: 'wide',
      element: (
        <WidgetCard title={t('recentChanges')} testId="widget-recent-changes">
          <RecentChanges
            limit={10}
            getEntityLink={(type, id) => entityLink(type, id, can)}
            renderEntityName={(type, id) =>
              entityLink(type, id, can) ? <EntityName entityType={type} entityId={id} /> : shortId(id)
            }
          />
        </WidgetCard>
      ),
    });
  }
  widgets.push({
    id: 'my-team-list',
    size: 'wide',
    element: (
      <WidgetCard title={t('myTeams.title')} testId="widget-my-teams">
        {me.teams.length === 0 ? (
          t('myTeams.none')
        ) : (
          <Stack gap={6}>
            {me.teams.map((team) =>
              can('teams.read') ? (
                <Anchor key={team.id} component={Link} to={`/teams/${team.id}`} size="sm">
                  {team.name}
                </Anchor>
              ) : (
                <span key={team.id}>{team.name}</span>
              ),
            )}
          </Stack>
        )}
      </WidgetCard>
    ),
  });

  return (
    <Stack gap="lg" data-testid="dashboard">
      <Greeting name={me.user.name} />
      <DashboardGrid widgets={widgets} />
    </Stack>
  );
}
