import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BuiltinParam, Rule } from '../../../../../contracts/automation';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { TeamPicker } from '../../../components/record-pickers';
import { ApiError, isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { useRules, useUpdateRule } from '../api/automation-api';
import { useEmailTemplates } from '../api/templates-api';

type ParamValue = string | number | boolean | null;

function ParamInput({
  builtinKey,
  param,
  value,
  onChange,
  error,
  disabled,
}: {
  builtinKey: string;
  param: BuiltinParam;
  value: ParamValue;
  onChange: (v: ParamValue) => void;
  error?: string;
  disabled: boolean;
}) {
  const { t } = useTranslation('automation');
  const templates = useEmailTemplates();
  const label = t(`builtin.${builtinKey}.params.${param.key}`, {
    defaultValue: t(`paramNames.${param.key}`, { defaultValue: param.key }),
  });
  const common = { label, error, disabled, 'data-testid': `builtin-param-${param.key}` };
  switch (param.type) {
    case 'days':
    case 'minutes':
      return (
        <NumberInput
          {...common}
          suffix={` ${t(`units.${param.type}`)}`}
          min={param.min}
          max={param.max}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(v === '' ? null : Number(v))}
          allowDecimal={false}
          w={180}
        />
      );
    case 'time':
      return (
        <TextInput
          {...common}
          type="time"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || null)}
          w={140}
        />
      );
    case 'team':
      return (
        <TeamPicker
          {...common}
          value={typeof value === 'string' ? value : null}
          onChange={onChange}
          clearable={param.nullable}
          placeholder={param.nullable ? t('builtins.none') : undefined}
          w={260}
        />
      );
    case 'template':
      return (
        <Select
          {...common}
          data={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={typeof value === 'string' ? value : null}
          onChange={onChange}
          clearable={param.nullable}
          placeholder={param.nullable ? t('builtins.standardText') : undefined}
          w={300}
        />
      );
    case 'boolean':
      return (
        <Switch
          {...common}
          mt="md"
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
  }
}

/** One built-in process: what it does (in words), whether it runs, its adjustable parameters. */
function BuiltinRuleCard({
  rule,
  canManage,
  onReload,
}: {
  rule: Rule;
  canManage: boolean;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation('automation');
  const notify = useNotify();
  const fmt = useFormat();
  const update = useUpdateRule();
  const builtin = rule.builtin;
  const initial = { enabled: rule.enabled, values: builtin?.values ?? {} };
  const [state, setState] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  // a saved or reloaded rule is the new baseline
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the rule's version
  useEffect(() => setState({ enabled: rule.enabled, values: rule.builtin?.values ?? {} }), [rule.version]);
  if (!builtin) return null;
  const key = builtin.key;
  const dirty = JSON.stringify(state) !== JSON.stringify(initial);

  const save = async () => {
    setError(null);
    setErrors({});
    try {
      await update.mutateAsync({
        id: rule.id,
        body: { version: rule.version, enabled: state.enabled, params: state.values },
      });
      notify.success(t('builtins.saved', { name: t(`builtin.${key}.name`, { defaultValue: rule.name }) }));
    } catch (err) {
      if (isConflict(err)) setConflict(true);
      else if (err instanceof ApiError && err.status === 422 && err.problem.errors?.length) {
        // `params.graceDays` → the input of `graceDays`
        const fields: Record<string, string> = {};
        for (const [path, message] of Object.entries(err.fieldErrors))
          fields[path.replace(/^params\./, '')] = message;
        setErrors(fields);
        setError(err.problem.detail ?? null);
      } else setError(errorMessage(err, t));
    }
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid={`builtin-${key}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Title order={5}>{t(`builtin.${key}.name`, { defaultValue: rule.name })}</Title>
          <Text size="sm">
            <Text span fw={500}>
              {t('builtins.when')}{' '}
            </Text>
            {t(`builtin.${key}.trigger`, { defaultValue: '' })}
          </Text>
          <Text size="sm">
            <Text span fw={500}>
              {t('builtins.then')}{' '}
            </Text>
            {t(`builtin.${key}.steps`, { defaultValue: '' })}
          </Text>
          <Text size="xs" c="dimmed">
            {rule.lastRunAt
              ? t('builtins.lastRun', { at: fmt.dateTime(rule.lastRunAt) })
              : t('builtins.neverRun')}
            {' · '}
            {t('builtins.runs30d', { count: rule.runs30d, failed: rule.failed30d })}
            {' · '}
            <Anchor component={Link} to={`/admin/automation/rules/${rule.id}`} size="xs">
              {t('builtins.history')}
            </Anchor>
          </Text>
        </Stack>
        <Switch
          checked={state.enabled}
          disabled={!canManage}
          onChange={(e) => setState({ ...state, enabled: e.currentTarget.checked })}
          label={state.enabled ? t('builtins.on') : t('builtins.off')}
          data-testid="builtin-enabled"
        />
      </Group>
      {conflict ? <ConflictAlert onReload={() => void onReload().then(() => setConflict(false))} /> : null}
      {builtin.params.length > 0 ? (
        <Group gap="md" mt="md" align="flex-start" wrap="wrap">
          {builtin.params.map((param) => (
            <ParamInput
              key={param.key}
              builtinKey={key}
              param={param}
              value={state.values[param.key] ?? null}
              onChange={(v) => setState({ ...state, values: { ...state.values, [param.key]: v } })}
              error={errors[param.key]}
              disabled={!canManage}
            />
          ))}
        </Group>
      ) : null}
      {error ? (
        <Alert color="red" mt="sm" data-testid="builtin-error">
          {error}
        </Alert>
      ) : null}
      <Group justify="space-between" mt="md">
        {builtin.settingsPath ? (
          <Anchor component={Link} to={builtin.settingsPath} size="sm" data-testid="builtin-settings-link">
            {t('builtins.moreSettings')}
          </Anchor>
        ) : (
          <span />
        )}
        {canManage ? (
          <Button
            onClick={() => void save()}
            disabled={!dirty}
            loading={update.isPending}
            data-testid="builtin-save"
          >
            {t('builtins.save')}
          </Button>
        ) : (
          <Badge variant="light">{t('builtins.readOnly')}</Badge>
        )}
      </Group>
    </Card>
  );
}

/** "Standardprozesse": the built-in rules, shipped enabled or disabled, adjustable. */
export function BuiltinRules({ canManage, only }: { canManage: boolean; only?: string }) {
  const { t } = useTranslation('automation');
  const query = useRules();
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loader />;
  const builtins = query.data.filter((r) => r.builtin && (!only || r.id === only));
  return (
    <Stack gap="md">
      {only ? null : (
        <Text size="sm" c="dimmed">
          {t('builtins.intro')}
        </Text>
      )}
      {builtins.map((rule) => (
        <BuiltinRuleCard key={rule.id} rule={rule} canManage={canManage} onReload={() => query.refetch()} />
      ))}
    </Stack>
  );
}
