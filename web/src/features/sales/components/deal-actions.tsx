import { Button, Group } from '@mantine/core';
import { IconArrowBackUp, IconPencil, IconThumbDown, IconTrophy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DealDetail } from '../../../../../contracts/sales';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { type DealAction, useDealAction } from '../api/deals-api';
import { LostReasonDialog } from './lost-reason-dialog';

/** Edit, win, lose (asks for the reason) and reopen, as the deal's status allows. */
export function DealActions({
  deal,
  onEdit,
  onConflict,
}: {
  deal: DealDetail;
  onEdit: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation('sales');
  const notify = useNotify();
  const action = useDealAction();
  const [losing, setLosing] = useState(false);
  const [loseError, setLoseError] = useState<string | null>(null);

  const run = (input: DealAction, done: string) =>
    action.mutate(input, {
      onSuccess: () => {
        setLosing(false);
        notify.success(done);
      },
      onError: (err) => {
        if (isConflict(err)) {
          setLosing(false);
          onConflict();
          return;
        }
        if (input.kind === 'lose') setLoseError(errorMessage(err, t));
        else notify.error(errorMessage(err, t));
      },
    });
  const pending = (kind: DealAction['kind']) => action.isPending && action.variables?.kind === kind;

  return (
    <Group gap="sm">
      <Button
        variant="default"
        leftSection={<IconPencil size={16} />}
        onClick={onEdit}
        data-testid="deal-edit"
      >
        {t('actions.edit')}
      </Button>
      {deal.status !== 'won' ? (
        <Button
          color="teal"
          leftSection={<IconTrophy size={16} />}
          loading={pending('win')}
          disabled={action.isPending}
          onClick={() =>
            run(
              { kind: 'win', id: deal.id, version: deal.version },
              t('actions.wonDone', { title: deal.title }),
            )
          }
          data-testid="deal-win"
        >
          {t('actions.win')}
        </Button>
      ) : null}
      {deal.status !== 'lost' ? (
        <Button
          color="red"
          variant="light"
          leftSection={<IconThumbDown size={16} />}
          disabled={action.isPending}
          onClick={() => {
            setLoseError(null);
            setLosing(true);
          }}
          data-testid="deal-lose"
        >
          {t('actions.lose')}
        </Button>
      ) : null}
      {deal.status !== 'open' ? (
        <Button
          variant="light"
          leftSection={<IconArrowBackUp size={16} />}
          loading={pending('reopen')}
          disabled={action.isPending}
          onClick={() =>
            run(
              { kind: 'reopen', id: deal.id, version: deal.version },
              t('actions.reopenedDone', { title: deal.title }),
            )
          }
          data-testid="deal-reopen"
        >
          {t('actions.reopen')}
        </Button>
      ) : null}
      <LostReasonDialog
        opened={losing}
        dealTitle={deal.title}
        loading={pending('lose')}
        error={loseError}
        onCancel={() => setLosing(false)}
        onConfirm={(choice) =>
          run(
            { kind: 'lose', id: deal.id, version: deal.version, ...choice },
            t('actions.lostDone', { title: deal.title }),
          )
        }
      />
    </Group>
  );
}
