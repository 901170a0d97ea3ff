import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Team, UpdateTeam } from '../../../../../contracts/identity';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useUpdateTeam } from '../api/teams-api';

interface Values extends Record<string, unknown> {
  name: string;
  description: string;
}

const fromTeam = (team: Team): Values => ({ name: team.name, description: team.description ?? '' });

/** Name and description of a team; saves with the loaded version, 409 offers a reload. */
export function TeamEditForm({
  team,
  canManage,
  onReload,
}: {
  team: Team;
  canManage: boolean;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation('teams');
  const notify = useNotify();
  const form = useForm<Values>(fromTeam(team));
  const [version, setVersion] = useState(team.version);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const update = useUpdateTeam();

  // A newer version arrived (a member change, a refetch). Untouched form: take it over. While typing:
  // follow the version only if the fields edited here are unchanged (e.g. our own member change), else
  // keep the old one so saving reports the conflict instead of overwriting someone else's edit.
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to a new version only
  useEffect(() => {
    if (team.version === version) return;
    const fresh = fromTeam(team);
    if (!form.isDirty) {
      form.reset(fresh);
      setVersion(team.version);
    } else if (fresh.name === form.baseline.name && fresh.description === form.baseline.description) {
      setVersion(team.version);
    }
  }, [team.version]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const initial = form.baseline;
    const body: Record<string, unknown> = { version };
    if (form.values.name !== initial.name) body.name = form.values.name;
    if (form.values.description !== initial.description)
      body.description = form.values.description.trim() || null;
    const parsed = form.validate(UpdateTeam, body);
    if (!parsed) return;
    update.mutate(
      { id: team.id, ...parsed },
      {
        onSuccess: (saved) => {
          form.reset(fromTeam(saved));
          setVersion(saved.version);
          notify.success(t('edit.done'));
        },
        onError: (err) => {
          if (isConflict(err)) {
            setConflict(true);
            return;
          }
          if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
        },
      },
    );
  };

  const reload = async () => {
    setReloading(true);
    try {
      const fresh = (await onReload()) as { data?: Team } | undefined;
      const next = fresh?.data ?? team;
      form.reset(fromTeam(next));
      setVersion(next.version);
      setConflict(false);
    } finally {
      setReloading(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="team-edit-form">
      <Stack gap="sm">
        {conflict ? <ConflictAlert onReload={() => void reload()} reloading={reloading} /> : null}
        <TextInput
          label={t('fields.name')}
          required
          readOnly={!canManage}
          data-testid="team-edit-name"
          {...form.getInputProps('name')}
        />
        <Textarea
          label={t('fields.description')}
          autosize
          minRows={2}
          maxRows={6}
          readOnly={!canManage}
          data-testid="team-edit-description"
          {...form.getInputProps('description')}
        />
        {canManage ? (
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => form.reset()}
              disabled={!form.isDirty || update.isPending}
            >
              {t('common:actions.discard')}
            </Button>
            <Button
              type="submit"
              loading={update.isPending}
              disabled={!form.isDirty || conflict}
              data-testid="team-edit-save"
            >
              {t('common:actions.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
