import { ActionIcon, Button, Checkbox, Group, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconColumns3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface PickableColumn {
  id: string;
  label: string;
  alwaysVisible?: boolean;
}

/** Which columns a list shows: a checkbox per column; the choice is kept per user (see useListViewState). */
export function ColumnPicker({
  columns,
  visible,
  onChange,
  onReset,
  testId = 'column-picker',
}: {
  columns: readonly PickableColumn[];
  visible: readonly string[];
  onChange: (ids: string[]) => void;
  onReset: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const shown = new Set(visible);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(id);
    else next.delete(id);
    onChange(columns.filter((c) => c.alwaysVisible || next.has(c.id)).map((c) => c.id));
  };

  return (
    <Popover position="bottom-end" shadow="md" width={260} withinPortal>
      <Popover.Target>
        <Tooltip label={t('listView.columns')}>
          <ActionIcon variant="default" size="lg" aria-label={t('listView.columns')} data-testid={testId}>
            <IconColumns3 size={18} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown data-testid={`${testId}-dropdown`}>
        <Text size="sm" fw={600} mb="xs">
          {t('listView.columnsTitle')}
        </Text>
        <Stack gap={6} mah={360} style={{ overflowY: 'auto' }}>
          {columns.map((column) => (
            <Checkbox
              key={column.id}
              label={column.label}
              checked={column.alwaysVisible || shown.has(column.id)}
              disabled={column.alwaysVisible}
              onChange={(event) => toggle(column.id, event.currentTarget.checked)}
              data-testid="column-option"
              data-column={column.id}
            />
          ))}
        </Stack>
        <Group justify="flex-end" mt="sm">
          <Button size="xs" variant="subtle" onClick={onReset}>
            {t('listView.columnsReset')}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
