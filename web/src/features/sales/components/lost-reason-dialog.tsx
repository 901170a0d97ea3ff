import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LostReasonChoice } from '../api/deals-api';
import { useLostReasons } from '../api/pipelines-api';

/**
 * Asks why a deal was lost: one of the lost reasons, and/or a note in the user's own words.
 * At least one of the two is required (the server refuses a lost deal without a reason).
 */
export function LostReasonDialog({
  opened,
  dealTitle,
  loading,
  error,
  onConfirm,
  onCancel,
}: {
  opened: boolean;
  dealTitle: string;
  loading?: boolean;
  error?: string | null;
  onConfirm: (choice: LostReasonChoice) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('sales');
  const reasons = useLostReasons({ enabled: opened });
  const [reasonId, setReasonId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (opened) {
      setReasonId(null);
      setNote('');
      setMissing(false);
    }
  }, [opened]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!reasonId && !note.trim()) {
      setMissing(true);
      return;
    }
    onConfirm({ ...(reasonId ? { reasonId } : {}), ...(note.trim() ? { reason: note.trim() } : {}) });
  };

  return (
    <Modal opened={opened} onClose={onCancel} title={t('lose.title')} centered data-testid="lost-dialog">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('lose.message', { title: dealTitle })}</Text>
          <Select
            label={t('lose.reason')}
            placeholder={t('lose.reasonPlaceholder')}
            data={(reasons.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={reasonId}
            onChange={(value) => {
              setReasonId(value);
              setMissing(false);
            }}
            error={missing ? t('lose.required') : undefined}
            required
            clearable
            data-autofocus
            comboboxProps={{ withinPortal: true }}
            data-testid="lost-reason"
          />
          <Textarea
            label={t('lose.note')}
            description={t('lose.noteHint')}
            autosize
            minRows={2}
            maxLength={500}
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setMissing(false);
            }}
            data-testid="lost-note"
          />
          {error ? (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          ) : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={loading} data-testid="lost-confirm">
              {t('lose.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
