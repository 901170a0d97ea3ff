import { useQuery } from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import type { Segment } from '../../../../../contracts/companies';
import { api } from '../../../lib/api';
import { useTeamLookup, useUserLookup } from '../../../lib/record-lookups';

/**
 * Choices for the company and contact forms and filters: people who can own a record, teams and
 * segments. Loaded once per session (lists are small; up to 500 each); people and teams through the
 * shared record lookups.
 */
export interface Option {
  value: string;
  label: string;
}

const LOOKUP_LIMIT = 500;

/** Active users, as options (owners of companies and contacts). */
export function useOwnerOptions(enabled = true) {
  return useUserLookup({
    enabled,
    select: (users): Option[] => users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
  });
}

export function useTeamOptions(enabled = true) {
  return useTeamLookup({
    enabled,
    select: (teams): Option[] => teams.map((team) => ({ value: team.id, label: team.name })),
  });
}

export function useSegmentOptions(enabled = true) {
  return useQuery({
    queryKey: ['segments', 'options'],
    queryFn: async ({ signal }): Promise<Option[]> => {
      const res = await api.get<ListResponse<Segment>>(
        '/segments',
        { sort: 'name', limit: LOOKUP_LIMIT },
        signal,
      );
      return res.items.map((s) => ({ value: s.id, label: s.name }));
    },
    enabled,
    staleTime: 60_000,
  });
}
