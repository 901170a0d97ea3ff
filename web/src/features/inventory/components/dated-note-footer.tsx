import { Alert, Button, Group, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';

/**
 * The bottom of a stock document's modal (an inventory count, a delivery): its date and note, the
 * form's error and cancel / submit. Test ids `<testPrefix>-date`, `-note`, `-error`, `-submit`.
 */
export function DatedNoteFooter(props: {
  dateLabel: string;
  date: string | null;
  onDateChange: (date: string | null) => void;
  dateError?: string | undefined;
  note: string;
  onNoteChange: (note: string) => void;
  noteError?: string | undefined;
  formError: string | null;
  onCancel: () => void;
  onSubmit: () => void;
  submitting: boolean;
  submitLabel: string;
  testPrefix: string;
}) {
  const { t } = useTranslation('inventory');
  const p = props.testPrefix;
  return (
    <>
      <Group grow align="flex-start">
        <LazyDateInput
          label={props.dateLabel}
          value={props.date}
          onChange={(v) => props.onDateChange(v as string | null)}
          error={props.dateError}
          data-testid={`${p}-date`}
        />
        <Textarea
          label={t('fields.note')}
          autosize
          minRows={1}
          value={props.note}
          onChange={(e) => props.onNoteChange(e.currentTarget.value)}
          error={props.noteError}
          data-testid={`${p}-note`}
        />
      </Group>
      {props.formError ? (
        <Alert color="red" data-testid={`${p}-error`}>
          {props.formError}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {t('common:actions.cancel')}
        </Button>
        <Button onClick={props.onSubmit} loading={props.submitting} data-testid={`${p}-submit`}>
          {props.submitLabel}
        </Button>
      </Group>
    </>
  );
}
