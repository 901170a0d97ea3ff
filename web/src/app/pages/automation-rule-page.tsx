import { Anchor, Button, Center, Loader, Stack, Tabs } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useNotify } from '../../components/notifications';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import {
  BuiltinRules,
  RuleEditor,
  RuleRuns,
  RuleVersions,
  useDeleteRule,
  useRule,
} from '../../features/automation';
import { useCan } from '../../lib/auth';
import { errorMessage } from '../../lib/errors';
import { RequirePermission } from '../require-permission';

/** `/admin/automation/rules/:id` (`new`: an empty rule): the editor, its runs and versions. */
export function AutomationRulePage() {
  const { t } = useTranslation('automation');
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const navigate = useNavigate();
  const notify = useNotify();
  const can = useCan();
  const query = useRule(isNew ? null : id);
  const remove = useDeleteRule();
  const [deleting, setDeleting] = useState(false);
  const rule = query.data ?? null;

  const body = (() => {
    if (isNew) {
      return (
        <RuleEditor
          rule={null}
          onSaved={(saved) => navigate(`/admin/automation/rules/${saved.id}`, { replace: true })}
          onReload={() => Promise.resolve()}
        />
      );
    }
    if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
    if (!rule) {
      return (
        <Center py="xl">
          <Loader />
        </Center>
      );
    }
    return (
      <Stack gap="lg">
        {rule.builtin ? (
          <BuiltinRules canManage={can('automation.builtins')} only={rule.id} />
        ) : (
          <RuleEditor rule={rule} onSaved={() => undefined} onReload={() => query.refetch()} />
        )}
        <Tabs defaultValue="runs" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="runs" data-testid="rule-tab-runs">
              {t('runs.title')}
            </Tabs.Tab>
            <Tabs.Tab value="versions" data-testid="rule-tab-versions">
              {t('versions.title')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="runs" pt="md">
            <RuleRuns ruleId={rule.id} />
          </Tabs.Panel>
          <Tabs.Panel value="versions" pt="md">
            <RuleVersions ruleId={rule.id} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    );
  })();

  return (
    <RequirePermission permission="automation.read">
      <Anchor component={Link} to="/admin/automation" size="sm">
        ← {t('title')}
      </Anchor>
      <PageHeader
        title={isNew ? t('editor.newTitle') : (rule?.name ?? t('title'))}
        actions={
          rule && !rule.builtin && can('automation.manage') ? (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setDeleting(true)}
              data-testid="rule-delete"
            >
              {t('editor.delete')}
            </Button>
          ) : null
        }
      />
      {body}
      <ConfirmDialog
        opened={deleting}
        title={t('editor.delete')}
        message={t('editor.deleteConfirm', { name: rule?.name ?? '' })}
        danger
        loading={remove.isPending}
        onCancel={() => setDeleting(false)}
        onConfirm={() =>
          rule &&
          remove.mutate(rule.id, {
            onSuccess: () => navigate('/admin/automation'),
            onError: (err) => {
              setDeleting(false);
              notify.error(errorMessage(err, t));
            },
          })
        }
      />
    </RequirePermission>
  );
}
