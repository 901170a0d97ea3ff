import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconExternalLink } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../../../contracts/companies';
import { useFormat } from '../../../lib/use-format';

/**
 * Records that look like the one being entered: each with why it matched and a link to open it.
 * After the server refused the create (409 `*.possible_duplicate`) it also offers "create anyway".
 */
export function DuplicateWarning({
  candidates,
  getLink,
  onOpen,
  onCreateAnyway,
  creating,
  confirmed,
}: {
  candidates: readonly DuplicateCandidate[];
  /** Where a visible candidate is shown. */
  getLink: (candidate: DuplicateCandidate) => string;
  onOpen: (link: string) => void;
  /** Only after the server refused: create the record although similar ones exist. */
  onCreateAnyway?: () => void;
  creating?: boolean;
  /** The server refused the create (else: a hint while typing). */
  confirmed?: boolean;
}) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const ref = useRef<HTMLDivElement>(null);
  // the server refused the save: bring the choice into view (the form may be scrolled up)
  useEffect(() => {
    if (confirmed) ref.current?.scrollIntoView?.({ behavior: 'smooth', block: 'nearest' });
  }, [confirmed]);
  if (candidates.length === 0) return null;

  return (
    <Alert
      ref={ref}
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={confirmed ? t('duplicates.titleConfirmed') : t('duplicates.title')}
      data-testid="duplicate-warning"
      data-confirmed={confirmed ? 'true' : 'false'}
    >
      <Stack gap="xs">
        <Text size="sm">{confirmed ? t('duplicates.messageConfirmed') : t('duplicates.message')}</Text>
        <Stack gap={4}>
          {candidates.map((c) => (
            <Group
              key={`${c.id}-${c.reason}`}
              gap="xs"
              wrap="nowrap"
              justify="space-between"
              data-testid="duplicate-candidate"
              data-id={c.id}
            >
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                {c.visible ? (
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={500}
                    onClick={() => onOpen(getLink(c))}
                    data-testid="duplicate-open"
                  >
                    <Group gap={4} wrap="nowrap">
                      <span>{c.name}</span>
                      <IconExternalLink size={14} />
                    </Group>
                  </Anchor>
                ) : (
                  <Text size="sm" fw={500} truncate>
                    {c.name}
                  </Text>
                )}
                <Badge size="xs" variant="outline" color="orange" style={{ flexShrink: 0 }}>
                  {t(`duplicates.reasons.${c.reason}`)}
                  {c.reason === 'similar_name' ? ` · ${fmt.number(c.score, { style: 'percent' })}` : ''}
                </Badge>
              </Group>
              {!c.visible ? (
                <Text size="xs" c="dimmed" ta="right">
                  {c.ownerName
                    ? t('duplicates.notVisibleOwner', { owner: c.ownerName })
                    : t('duplicates.notVisible')}
                </Text>
              ) : null}
            </Group>
          ))}
        </Stack>
        {onCreateAnyway ? (
          <Group justify="flex-end">
            <Button
              size="xs"
              color="orange"
              variant="light"
              onClick={onCreateAnyway}
              loading={creating}
              data-testid="create-anyway"
            >
              {t('duplicates.createAnyway')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}
