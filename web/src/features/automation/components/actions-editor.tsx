import { ActionIcon, Badge, Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  ACTION_KINDS,
  type Action,
  type ActionKind,
  type AutomationCatalog,
} from '../../../../../contracts/automation';
import { ActionForm } from './action-form';
import { errorsUnder, move, newAction } from './rule-values';
import { useListKeys } from './use-list-keys';

/** **Dann**: the steps in order; each its own form; add, remove, move up and down. */
export function ActionsEditor({
  value,
  onChange,
  catalog,
  root,
  errors,
}: {
  value: Action[];
  onChange: (actions: Action[]) => void;
  catalog: AutomationCatalog | undefined;
  root: string | null;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('automation');
  const allowed = (catalog?.actions[root ?? 'none'] as ActionKind[] | undefined) ?? ACTION_KINDS;
  const variables = catalog?.variables[root ?? 'none'] ?? [];
  const rowKeys = useListKeys(value.length);
  const replace = (i: number, a: Action) => onChange(value.map((x, j) => (j === i ? a : x)));
  const kindOptions = (current: ActionKind) =>
    ACTION_KINDS.filter((k) => k === current || allowed.includes(k)).map((k) => ({
      value: k,
      label: t(`actionKinds.${k}`),
    }));

  return (
    <Stack gap="sm">
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('actions.none')}
        </Text>
      ) : null}
      {value.map((action, i) => (
        <Card key={rowKeys.keys[i]} withBorder padding="sm" data-testid="action-card" data-kind={action.kind}>
          <Group justify="space-between" mb="xs" wrap="nowrap">
            <Group gap="xs">
              <Badge variant="light" circle>
                {i + 1}
              </Badge>
              <Select
                data={kindOptions(action.kind)}
                value={action.kind}
                onChange={(k) => k && k !== action.kind && replace(i, newAction(k as ActionKind))}
                allowDeselect={false}
                w={260}
                aria-label={t('actions.kind')}
                data-testid="action-kind"
              />
            </Group>
            <Group gap={4}>
              <ActionIcon
                variant="subtle"
                disabled={i === 0}
                onClick={() => {
                  rowKeys.moved(i, -1);
                  onChange(move(value, i, -1));
                }}
                aria-label={t('actions.up')}
                data-testid="action-up"
              >
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                disabled={i === value.length - 1}
                onClick={() => {
                  rowKeys.moved(i, 1);
                  onChange(move(value, i, 1));
                }}
                aria-label={t('actions.down')}
                data-testid="action-down"
              >
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => {
                  rowKeys.removed(i);
                  onChange(value.filter((_, j) => j !== i));
                }}
                aria-label={t('actions.remove')}
                data-testid="action-remove"
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Group>
          <ActionForm
            action={action}
            onChange={(a) => replace(i, a)}
            errors={errorsUnder(errors, `actions.${i}.`)}
            catalog={catalog}
            root={root}
            variables={variables}
          />
        </Card>
      ))}
      {errors.actions ? (
        <Text size="sm" c="red">
          {errors.actions}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => {
            rowKeys.added();
            onChange([
              ...value,
              newAction(allowed.includes('create_task') ? 'create_task' : (allowed[0] ?? 'notify')),
            ]);
          }}
          disabled={value.length >= 20}
          data-testid="add-action"
        >
          {t('actions.add')}
        </Button>
      </Group>
    </Stack>
  );
}
