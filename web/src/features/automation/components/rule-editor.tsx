import { Alert, Button, Card, Group, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Rule, RuleDefinition, type RuleDefinitionInput } from '../../../../../contracts/automation';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { ApiError, isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { issuesToErrors } from '../../../lib/form';
import { useAutomationCatalog, useCreateRule, useUpdateRule } from '../api/automation-api';
import { ActionsEditor } from './actions-editor';
import { ConditionsEditor } from './conditions-editor';
import { DryRunPanel } from './dry-run-panel';
import { definitionOf, draftOf, EMPTY_DRAFT, type RuleDraft, rootRecordType } from './rule-values';
import { TriggerEditor } from './trigger-editor';

function Section({
  title,
  hint,
  children,
  testId,
}: {
  title: string;
  hint: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId}>
      <Title order={4}>{title}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      {children}
    </Card>
  );
}

/**
 * The rule editor: name, **Wann** (trigger), **Wenn** (conditions), **Dann** (actions), save and
 * **Testlauf**. Checks the definition against the contract first, then shows the server's 422
 * field errors (`actions.0.assignTo`) at their inputs.
 */
export function RuleEditor({
  rule,
  onSaved,
  onReload,
}: {
  rule: Rule | null;
  onSaved: (rule: Rule, created: boolean) => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation('automation');
  const notify = useNotify();
  const catalog = useAutomationCatalog();
  const create = useCreateRule();
  const update = useUpdateRule();
  const saved = useMemo(() => (rule ? draftOf(rule) : EMPTY_DRAFT), [rule]);
  const [draft, setDraft] = useState<RuleDraft>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  // after a save or reload the server's version (with its defaults filled in) is the new baseline
  useEffect(() => setDraft(saved), [saved]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const root = rootRecordType(draft.trigger, catalog.data);
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  /** The definition if it passes the contract, else null with the problems shown at the fields. */
  const validDefinition = (): RuleDefinitionInput | null => {
    const definition = definitionOf(draft);
    const parsed = RuleDefinition.safeParse(definition);
    if (parsed.success) {
      setErrors({});
      setFormError(null);
      return definition;
    }
    setErrors(issuesToErrors(parsed.error.issues, t, definition));
    setFormError(t('editor.fixErrors'));
    return null;
  };

  /** Server field errors onto the inputs; true when there were any. */
  const showServerErrors = (err: unknown): boolean => {
    if (!(err instanceof ApiError) || err.status !== 422) return false;
    const fields = err.fieldErrors;
    if (Object.keys(fields).length === 0) return false;
    setErrors(fields);
    setFormError(err.problem.detail ?? t('editor.fixErrors'));
    return true;
  };

  const save = async () => {
    setFormError(null);
    const definition = validDefinition();
    if (!definition) return;
    try {
      const result = rule
        ? await update.mutateAsync({ id: rule.id, body: { ...definition, version: rule.version } })
        : await create.mutateAsync(definition);
      setErrors({});
      notify.success(t('editor.saved'));
      onSaved(result, !rule);
    } catch (err) {
      if (isConflict(err)) setConflict(true);
      else if (!showServerErrors(err)) setFormError(errorMessage(err, t));
    }
  };

  return (
    <Stack gap="lg">
      {conflict ? (
        <ConflictAlert
          onReload={() =>
            void onReload().then(() => {
              setConflict(false);
            })
          }
        />
      ) : null}
      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Group align="flex-start" wrap="wrap">
            <TextInput
              label={t('editor.name')}
              placeholder={t('editor.namePlaceholder')}
              value={draft.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              required
              style={{ flex: 1 }}
              miw={280}
              data-testid="rule-name"
            />
            <Switch
              mt={30}
              label={t('editor.enabled')}
              checked={draft.enabled}
              onChange={(e) => set('enabled', e.currentTarget.checked)}
              data-testid="rule-enabled"
            />
          </Group>
          <Textarea
            label={t('editor.description')}
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={1}
            data-testid="rule-description"
          />
        </Stack>
      </Card>
      <Section title={t('editor.when')} hint={t('editor.whenHint')} testId="rule-when">
        <TriggerEditor
          value={draft.trigger}
          onChange={(trigger) =>
            setDraft((d) => {
              // conditions name fields of the trigger's record: another record type makes them void
              const sameRecord =
                rootRecordType(trigger, catalog.data) === rootRecordType(d.trigger, catalog.data);
              return { ...d, trigger, conditions: sameRecord ? d.conditions : { match: 'all', items: [] } };
            })
          }
          catalog={catalog.data}
          errors={errors}
        />
      </Section>
      <Section title={t('editor.if')} hint={t('editor.ifHint')} testId="rule-if">
        <ConditionsEditor
          value={draft.conditions}
          onChange={(conditions) => set('conditions', conditions)}
          catalog={catalog.data}
          root={root}
          errors={errors}
        />
      </Section>
      <Section title={t('editor.then')} hint={t('editor.thenHint')} testId="rule-then">
        <ActionsEditor
          value={draft.actions}
          onChange={(actions) => set('actions', actions)}
          catalog={catalog.data}
          root={root}
          errors={errors}
        />
      </Section>
      {formError ? (
        <Alert color="red" data-testid="rule-error">
          {formError}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {dirty ? t('editor.unsaved') : ''}
        </Text>
        <Button
          onClick={() => void save()}
          loading={create.isPending || update.isPending}
          disabled={Boolean(rule) && !dirty}
          data-testid="rule-save"
        >
          {t('editor.save')}
        </Button>
      </Group>
      <Section title={t('dryRun.title')} hint={t('dryRun.hint')} testId="rule-dry-run">
        <DryRunPanel
          ruleId={rule?.id ?? null}
          unsaved={dirty || !rule}
          definition={validDefinition}
          onFieldErrors={showServerErrors}
        />
      </Section>
    </Stack>
  );
}
