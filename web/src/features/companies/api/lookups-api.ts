import { useQuery } from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import type { Segment } from '../../../../../contracts/companies';
import type { Team, User } from '../../../../../contracts/identity';
import { api } from '../../../lib/api';

/**
 * Choices for the company and contact forms and filters: people who can own a record, teams and
 * segments. Loaded once per session (lists are small; up to 500 each).
 */
export interface Option {
  value: string;
  label: string;
}

const LOOKUP_LIMIT = 500;

export function useOwnerOptions(enabled = true) {
  return useQuery({
    queryKey: ['users', 'options', 'active'],
    queryFn: async ({ signal }): Promise<Option[]> => {
      const res = await api.get<ListResponse<User>>(
        '/users',
        { active: 'true', sort: 'name', limit: LOOKUP_LIMIT },
        signal,
      );
      return res.items.map((u) => ({ value: u.id, label: u.name }));
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useTeamOptions(enabled = true) {
  return useQuery({
    queryKey: ['teams', 'options'],
    queryFn: async ({ signal }): Promise<Option[]> => {
      const res = await api.get<ListResponse<Team>>('/teams', { limit: LOOKUP_LIMIT }, signal);
      return res.items.map((team) => ({ value: team.id, label: team.name }));
    },
    enabled,
    staleTime: 5 * 60_000,
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
