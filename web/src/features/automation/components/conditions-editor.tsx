import { ActionIcon, Button, Card, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type {
  AutomationCatalog,
  Condition,
  ConditionGroup,
  ConditionOp,
  Conditions,
} from '../../../../../contracts/automation';
import { fieldOptions } from './labels';
import { defaultValue, isGroup, opsFor } from './rule-values';
import { useListKeys } from './use-list-keys';
import { FieldValueInput } from './value-input';

type Match = Conditions['match'];

function MatchToggle({
  value,
  onChange,
  testId,
}: {
  value: Match;
  onChange: (m: Match) => void;
  testId: string;
}) {
  const { t } = useTranslation('automation');
  return (
    <SegmentedControl
      size="xs"
      value={value}
      onChange={(v) => onChange(v as Match)}
      data={[
        { value: 'all', label: t('conditions.all') },
        { value: 'any', label: t('conditions.any') },
      ]}
      data-testid={testId}
    />
  );
}

/** One row: field / operator / value. */
function ConditionRow({
  condition,
  onChange,
  onRemove,
  catalog,
  root,
  errors,
  path,
  testId,
}: {
  condition: Condition;
  onChange: (c: Condition) => void;
  onRemove: () => void;
  catalog: AutomationCatalog | undefined;
  root: string | null;
  errors: Record<string, string>;
  path: string;
  testId: string;
}) {
  const { t } = useTranslation('automation');
  const field = root ? catalog?.fields[root]?.find((f) => f.path === condition.field) : undefined;
  const ops = opsFor(field?.type);
  const data = fieldOptions(t, catalog, root);
  // a field typed by hand before the catalog knew it stays choosable
  if (condition.field && !field)
    data.push({ group: '…', items: [{ value: condition.field, label: condition.field }] });
  const err = (k: string) => errors[`${path}.${k}`];
  return (
    <Group align="flex-start" gap="xs" wrap="wrap" data-testid={`${testId}`}>
      <Select
        allowDeselect={false}
        data={data}
        value={condition.field || null}
        onChange={(v) => {
          const next = root ? catalog?.fields[root]?.find((f) => f.path === v) : undefined;
          const nextOps = opsFor(next?.type);
          const op = nextOps.includes(condition.op) ? condition.op : (nextOps[0] as ConditionOp);
          onChange({ field: v ?? '', op, value: defaultValue(next?.type, op) });
        }}
        searchable
        placeholder={t('conditions.field')}
        error={err('field') ?? errors[path]}
        miw={240}
        data-testid="condition-field"
      />
      <Select
        data={ops.map((op) => ({ value: op, label: t(`ops.${op}`) }))}
        value={condition.op}
        onChange={(v) => {
          const op = (v ?? 'eq') as ConditionOp;
          onChange({ ...condition, op, value: defaultValue(field?.type, op) });
        }}
        allowDeselect={false}
        error={err('op')}
        w={170}
        data-testid="condition-op"
      />
      <FieldValueInput
        type={field?.type}
        options={field?.options}
        op={condition.op}
        value={condition.value}
        onChange={(value) => onChange({ ...condition, value: value ?? null })}
        error={err('value')}
        testId="condition-value"
      />
      <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('conditions.remove')} mt={6}>
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );
}

const EMPTY_CONDITION: Condition = { field: '', op: 'eq', value: '' };

/** A list of conditions (and, at the top level, groups of them) with its all/any toggle. */
function ConditionList<T extends Conditions | ConditionGroup>({
  value,
  onChange,
  nested,
  catalog,
  root,
  errors,
  path,
}: {
  value: T;
  onChange: (v: T) => void;
  nested: boolean;
  catalog: AutomationCatalog | undefined;
  root: string | null;
  errors: Record<string, string>;
  path: string;
}) {
  const { t } = useTranslation('automation');
  const rowKeys = useListKeys(value.items.length);
  const setItems = (items: T['items']) => onChange({ ...value, items });
  const replace = (i: number, item: Condition | ConditionGroup) =>
    setItems(value.items.map((x, j) => (j === i ? item : x)) as T['items']);
  const remove = (i: number) => {
    rowKeys.removed(i);
    setItems(value.items.filter((_, j) => j !== i) as T['items']);
  };
  const add = (item: Condition | ConditionGroup) => {
    rowKeys.added();
    setItems([...value.items, item] as T['items']);
  };
  return (
    <Stack gap="xs">
      {value.items.length > 1 ? (
        <Group gap="xs">
          <Text size="sm">{t('conditions.matchLabel')}</Text>
          <MatchToggle
            value={value.match}
            onChange={(match) => onChange({ ...value, match })}
            testId={nested ? 'condition-group-match' : 'conditions-match'}
          />
        </Group>
      ) : null}
      {value.items.map((item, i) =>
        isGroup(item) ? (
          <Card key={rowKeys.keys[i]} withBorder padding="sm" bg="var(--mantine-color-default-hover)">
            <Group justify="space-between" mb="xs">
              <Text size="sm" fw={500}>
                {t('conditions.group')}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => remove(i)}
                aria-label={t('conditions.remove')}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <ConditionList
              value={item}
              onChange={(g) => replace(i, g)}
              nested
              catalog={catalog}
              root={root}
              errors={errors}
              path={`${path}.${i}.items`}
            />
          </Card>
        ) : (
          <ConditionRow
            key={rowKeys.keys[i]}
            condition={item}
            onChange={(c) => replace(i, c)}
            onRemove={() => remove(i)}
            catalog={catalog}
            root={root}
            errors={errors}
            path={`${path}.${i}`}
            testId={nested ? 'condition-row-nested' : 'condition-row'}
          />
        ),
      )}
      <Group gap="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => add({ ...EMPTY_CONDITION })}
          data-testid={nested ? 'add-condition-nested' : 'add-condition'}
        >
          {t('conditions.add')}
        </Button>
        {nested ? null : (
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => add({ match: 'any', items: [{ ...EMPTY_CONDITION }] })}
            data-testid="add-condition-group"
          >
            {t('conditions.addGroup')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** **Wenn**: the rule runs only when these hold (none = always). */
export function ConditionsEditor({
  value,
  onChange,
  catalog,
  root,
  errors,
}: {
  value: Conditions;
  onChange: (v: Conditions) => void;
  catalog: AutomationCatalog | undefined;
  root: string | null;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('automation');
  if (!root) {
    return (
      <Text size="sm" c="dimmed">
        {t('conditions.noRecord')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {value.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('conditions.none')}
        </Text>
      ) : null}
      <ConditionList
        value={value}
        onChange={onChange}
        nested={false}
        catalog={catalog}
        root={root}
        errors={errors}
        path="conditions.items"
      />
    </Stack>
  );
}
