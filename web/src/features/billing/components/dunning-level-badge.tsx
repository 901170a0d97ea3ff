import { Badge, Tooltip } from '@mantine/core';
import { IconHandStop } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DunningSettings } from '../../../../../contracts/dunning';
import { useDunningSettings } from '../api/dunning-api';

export const DUNNING_LEVELS = [1, 2, 3, 4] as const;

const COLOR: Record<number, string> = { 1: 'yellow', 2: 'orange', 3: 'red', 4: 'grape' };

/**
 * A level's name as the company named it in the settings ("Zahlungserinnerung", "1. Mahnung", …);
 * the default names when the settings cannot be read (they need billing rights).
 */
export function dunningLevelName(level: number, settings: DunningSettings | undefined, t: TFunction): string {
  const named = settings?.levels.find((l) => l.level === level)?.name;
  return named ?? t(`dunning:levels.names.${level}`, { defaultValue: t('dunning:levels.level', { level }) });
}

/** The level names for a select (1 … 4), with "not dunned" (0) first when asked. */
export function dunningLevelOptions(settings: DunningSettings | undefined, t: TFunction, withNone = true) {
  return [
    ...(withNone ? [{ value: '0', label: t('dunning:levels.none') }] : []),
    ...DUNNING_LEVELS.map((l) => ({ value: String(l), label: dunningLevelName(l, settings, t) })),
  ];
}

/** The level names of the company's schedule, for lists (one settings request, cached). */
export function useDunningLevelName() {
  const { t } = useTranslation('dunning');
  const settings = useDunningSettings();
  return (level: number) => dunningLevelName(level, settings.data, t);
}

/**
 * The invoice's dunning level as a badge (nothing for level 0 unless `showNone`); a blocked invoice
 * shows a "Mahnsperre" badge.
 */
export function DunningLevelBadge({
  level,
  blocked,
  showNone,
  size = 'sm',
}: {
  level: number;
  blocked?: boolean;
  showNone?: boolean;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation('dunning');
  const name = useDunningLevelName();
  const blockBadge = blocked ? (
    <Tooltip label={t('block.blockedHint')}>
      <Badge
        size={size}
        variant="outline"
        color="gray"
        leftSection={<IconHandStop size={12} />}
        tt="none"
        style={{ flexShrink: 0, minWidth: 'max-content' }}
        data-testid="dunning-blocked-badge"
      >
        {t('block.blocked')}
      </Badge>
    </Tooltip>
  ) : null;
  if (level <= 0) {
    return (
      <>
        {showNone ? (
          <Badge
            size={size}
            variant="light"
            color="gray"
            tt="none"
            style={{ flexShrink: 0, minWidth: 'max-content' }}
            data-testid="dunning-level-badge"
            data-level={0}
          >
            {t('levels.none')}
          </Badge>
        ) : null}
        {blockBadge}
      </>
    );
  }
  return (
    <>
      <Badge
        size={size}
        variant="light"
        color={COLOR[level] ?? 'red'}
        tt="none"
        style={{ flexShrink: 0, minWidth: 'max-content' }}
        data-testid="dunning-level-badge"
        data-level={level}
      >
        {name(level)}
      </Badge>
      {blockBadge}
    </>
  );
}
