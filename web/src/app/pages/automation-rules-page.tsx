import { Badge, Button, Tabs } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { BuiltinRules, EmailTemplates, RulesList, useFailedActionCount } from '../../features/automation';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

const TABS = ['rules', 'builtins', 'templates'] as const;
type Tab = (typeof TABS)[number];

function FailedLink() {
  const { t } = useTranslation('automation');
  const count = useFailedActionCount();
  return (
    <Button
      component={Link}
      to="/admin/automation/failed"
      variant={count && count !== '0' ? 'light' : 'default'}
      color={count && count !== '0' ? 'red' : undefined}
      leftSection={<IconAlertTriangle size={16} />}
      rightSection={count !== null ? <Badge color={count === '0' ? 'gray' : 'red'}>{count}</Badge> : null}
      data-testid="automation-failed-link"
    >
      {t('failedNav')}
    </Button>
  );
}

/** `/admin/automation`: the rules, the built-in processes and the e-mail templates. */
export function AutomationRulesPage() {
  const { t } = useTranslation('automation');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'rules';
  return (
    <RequirePermission permission="automation.read">
      <PageHeader title={t('title')} description={t('description')} actions={<FailedLink />} />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'rules' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="rules" data-testid="automation-tab-rules">
            {t('tabs.rules')}
          </Tabs.Tab>
          <Tabs.Tab value="builtins" data-testid="automation-tab-builtins">
            {t('tabs.builtins')}
          </Tabs.Tab>
          <Tabs.Tab value="templates" data-testid="automation-tab-templates">
            {t('tabs.templates')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rules">
          <RulesList canManage={can('automation.manage')} />
        </Tabs.Panel>
        <Tabs.Panel value="builtins">
          <BuiltinRules canManage={can('automation.builtins')} />
        </Tabs.Panel>
        <Tabs.Panel value="templates">
          <EmailTemplates canManage={can('automation.manage')} />
        </Tabs.Panel>
      </Tabs>
    </RequirePermission>
  );
}
