import {
  ActionIcon,
  Alert,
  Button,
  Code,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateEmailTemplate, type EmailTemplate } from '../../../../../contracts/automation';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { issuesToErrors } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useAutomationCatalog } from '../api/automation-api';
import { useDeleteEmailTemplate, useEmailTemplates, useSaveEmailTemplate } from '../api/templates-api';
import { asVariable } from './recipient-input';

type Values = Omit<CreateEmailTemplate, never>;
const EMPTY: Values = { name: '', subjectDe: '', bodyDe: '', subjectEn: '', bodyEn: '' };

function TemplateModal({ template, onClose }: { template: EmailTemplate | null; onClose: () => void }) {
  const { t } = useTranslation('automation');
  const notify = useNotify();
  const save = useSaveEmailTemplate();
  const catalog = useAutomationCatalog();
  const [values, setValues] = useState<Values>(
    template
      ? {
          name: template.name,
          subjectDe: template.subjectDe,
          bodyDe: template.bodyDe,
          subjectEn: template.subjectEn,
          bodyEn: template.bodyEn,
        }
      : EMPTY,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const variables = [...new Set(Object.values(catalog.data?.variables ?? {}).flat())].sort();
  const field = (key: keyof Values) => ({
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) =>
      setValues({ ...values, [key]: e.currentTarget.value }),
    error: errors[key],
  });

  const submit = async () => {
    setError(null);
    const parsed = CreateEmailTemplate.safeParse(values);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues, t, values));
      return;
    }
    try {
      await save.mutateAsync({
        id: template?.id ?? null,
        body: template ? { ...parsed.data, version: template.version } : parsed.data,
      });
      notify.success(t('templates.saved'));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(err.fieldErrors);
      setError(errorMessage(err, t));
    }
  };

  return (
    <Modal opened onClose={onClose} size="xl" title={template ? t('templates.edit') : t('templates.new')}>
      <Stack gap="sm">
        <TextInput label={t('templates.name')} required {...field('name')} data-testid="template-name" />
        <Tabs defaultValue="de">
          <Tabs.List>
            <Tabs.Tab value="de">{t('templates.german')}</Tabs.Tab>
            <Tabs.Tab value="en">{t('templates.english')}</Tabs.Tab>
          </Tabs.List>
          {(['De', 'En'] as const).map((lang) => (
            <Tabs.Panel key={lang} value={lang.toLowerCase()} pt="sm">
              <Stack gap="sm">
                <TextInput
                  label={t('templates.subject')}
                  required
                  {...field(`subject${lang}`)}
                  data-testid={`template-subject-${lang.toLowerCase()}`}
                />
                <Textarea
                  label={t('templates.body')}
                  required
                  autosize
                  minRows={6}
                  {...field(`body${lang}`)}
                  data-testid={`template-body-${lang.toLowerCase()}`}
                />
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
        <Text size="xs" c="dimmed">
          {t('templates.variablesHint')}{' '}
          {variables.length > 0 ? (
            variables.slice(0, 40).map((v) => (
              <Code key={v} mr={4}>
                {asVariable(v)}
              </Code>
            ))
          ) : (
            <Code>{'{{company.name}}'}</Code>
          )}
        </Text>
        {error ? <Alert color="red">{error}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={save.isPending} data-testid="template-save">
            {t('templates.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "E-Mail-Vorlagen": the texts send_email actions and built-in processes use, German and English. */
export function EmailTemplates({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('automation');
  const fmt = useFormat();
  const notify = useNotify();
  const query = useEmailTemplates();
  const remove = useDeleteEmailTemplate();
  const [editing, setEditing] = useState<EmailTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<EmailTemplate | null>(null);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loader />;

  return (
    <Stack gap="sm">
      {canManage ? (
        <Group justify="flex-end">
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing('new')}
            data-testid="template-new"
          >
            {t('templates.new')}
          </Button>
        </Group>
      ) : null}
      {query.data.length === 0 ? (
        <EmptyState title={t('templates.none')} />
      ) : (
        <Table striped data-testid="templates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('templates.name')}</Table.Th>
              <Table.Th>{t('templates.subject')}</Table.Th>
              <Table.Th>{t('templates.updated')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.map((tpl) => (
              <Table.Tr key={tpl.id} data-testid="template-row">
                <Table.Td>{tpl.name}</Table.Td>
                <Table.Td>{tpl.subjectDe}</Table.Td>
                <Table.Td>{fmt.dateTime(tpl.updatedAt)}</Table.Td>
                <Table.Td>
                  {canManage ? (
                    <Group gap={4} justify="flex-end">
                      <ActionIcon
                        variant="subtle"
                        onClick={() => setEditing(tpl)}
                        aria-label={t('templates.edit')}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setDeleting(tpl)}
                        aria-label={t('templates.delete')}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing ? (
        <TemplateModal template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      <ConfirmDialog
        opened={Boolean(deleting)}
        title={t('templates.delete')}
        message={t('templates.deleteConfirm', { name: deleting?.name ?? '' })}
        danger
        loading={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => setDeleting(null),
            onError: (err) => {
              setDeleting(null);
              notify.error(errorMessage(err, t));
            },
          })
        }
      />
    </Stack>
  );
}
