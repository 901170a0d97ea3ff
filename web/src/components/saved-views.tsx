import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconBookmark, IconBookmarkPlus, IconCheck, IconChevronDown, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '../lib/use-list-view-state';

/**
 * The "views" menu of a list: apply or delete a saved view, or save the current filters, sort and
 * columns under a name (kept per user on this device).
 */
export function SavedViews({
  views,
  activeViewId,
  onApply,
  onDelete,
  onSave,
  testId = 'saved-views',
}: {
  views: readonly SavedView[];
  activeViewId: string | null;
  onApply: (view: SavedView) => void;
  onDelete: (view: SavedView) => void;
  onSave: (name: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const active = views.find((v) => v.id === activeViewId);

  const close = () => {
    setNaming(false);
    setName('');
    setError(null);
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('validation:required'));
      return;
    }
    if (trimmed.length > 80) {
      setError(t('validation:tooLong', { count: 80 }));
      return;
    }
    onSave(trimmed);
    close();
  };

  return (
    <>
      <Menu position="bottom-end" width={280} withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} />}
            rightSection={<IconChevronDown size={14} />}
            data-testid={testId}
            data-active-view={active?.name}
          >
            <Text size="sm" truncate maw={160}>
              {active ? active.name : t('listView.views')}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('listView.savedViews')}</Menu.Label>
          {views.length === 0 ? (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              {t('listView.noViews')}
            </Text>
          ) : (
            views.map((view) => (
              <Menu.Item
                key={view.id}
                onClick={() => onApply(view)}
                leftSection={
                  view.id === activeViewId ? <IconCheck size={14} /> : <span style={{ width: 14 }} />
                }
                rightSection={
                  <ActionIcon
                    component="span"
                    size="sm"
                    variant="subtle"
                    color="red"
                    aria-label={t('listView.deleteView', { name: view.name })}
                    data-testid="saved-view-delete"
                    onClick={(event: React.MouseEvent) => {
                      event.stopPropagation();
                      onDelete(view);
                    }}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                }
                data-testid="saved-view"
                data-name={view.name}
              >
                <Text size="sm" truncate>
                  {view.name}
                </Text>
              </Menu.Item>
            ))
          )}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconBookmarkPlus size={14} />}
            onClick={() => setNaming(true)}
            data-testid="saved-view-save"
          >
            {t('listView.saveView')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={close} title={t('listView.saveViewTitle')} size="sm">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('listView.saveViewHint')}
            </Text>
            <TextInput
              label={t('listView.viewName')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              required
              data-autofocus
              data-testid="saved-view-name"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" data-testid="saved-view-submit">
                {t('actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
