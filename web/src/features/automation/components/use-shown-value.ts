import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeamLookup, useUserLookup } from '../../../lib/record-lookups';
import { useFormat } from '../../../lib/use-format';
import { useAutomationCatalog } from '../api/automation-api';
import { usePipelineOptions, useSegmentOptions } from '../api/lookups-api';
import { shownValue } from './labels';

/**
 * Values of conditions as people read them: money in euros, dates in the user's format, stage,
 * user, team and segment ids by name (from the lookups the editor caches anyway).
 */
export function useShownValue(root: string | null) {
  const { t } = useTranslation('automation');
  const fmt = useFormat();
  const catalog = useAutomationCatalog();
  const pipelines = usePipelineOptions();
  const segments = useSegmentOptions();
  const users = useUserLookup();
  const teams = useTeamLookup();
  return useCallback(
    (path: string, value: unknown): string => {
      const type = root ? catalog.data?.fields[root]?.find((f) => f.path === path)?.type : undefined;
      const one = (v: unknown): string => {
        if (v === null || v === undefined || v === '') return t('values.empty');
        if (type === 'money' && typeof v === 'number') return fmt.money(v, 'EUR');
        if (type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return fmt.date(v);
        if (typeof v === 'string') {
          const name =
            (type === 'stage' && pipelines.data?.flatMap((p) => p.stages).find((s) => s.id === v)?.name) ||
            (type === 'pipeline' && pipelines.data?.find((p) => p.id === v)?.name) ||
            (type === 'user' && users.data?.find((u) => u.id === v)?.name) ||
            (type === 'team' && teams.data?.find((x) => x.id === v)?.name) ||
            (type === 'segment' && segments.data?.find((s) => s.id === v)?.name) ||
            (type === 'enum' && t(`enumValues.${v}`, { defaultValue: v }));
          if (name) return name;
        }
        return shownValue(t, v);
      };
      return Array.isArray(value) ? value.map(one).join(', ') : one(value);
    },
    [root, catalog.data, pipelines.data, segments.data, users.data, teams.data, fmt, t],
  );
}
