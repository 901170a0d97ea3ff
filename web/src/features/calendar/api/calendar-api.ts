import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Agenda, CalendarFeed } from '../../../../../contracts/work';
import { api } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export interface AgendaRange {
  from: string;
  to: string;
  includeDone: boolean;
}

export const calendarKeys = {
  all: ['calendar'] as const,
  agenda: (range: AgendaRange) => ['calendar', 'agenda', range] as const,
  feed: () => ['calendar', 'feed'] as const,
};

/** My tasks due in the range, and the overdue ones from before it. */
export function useAgenda(range: AgendaRange) {
  return useQuery({
    queryKey: calendarKeys.agenda(range),
    queryFn: ({ signal }) =>
      api.get<Agenda>(
        '/calendar/agenda',
        { from: range.from, to: range.to, includeDone: range.includeDone },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCalendarFeed() {
  return useQuery({
    queryKey: calendarKeys.feed(),
    queryFn: ({ signal }) => api.get<CalendarFeed>('/me/calendar-feed', undefined, signal),
  });
}

function useFeedMutation(request: () => Promise<CalendarFeed>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (feed) => {
      // the URL is in this answer only: keep the status without it in the cache
      const { url: _url, ...status } = feed;
      queryClient.setQueryData(calendarKeys.feed(), status);
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}

/** Creates a new subscription URL (the one before stops working). */
export function useCreateCalendarFeed() {
  return useFeedMutation(() => api.post<CalendarFeed>('/me/calendar-feed'));
}

export function useRevokeCalendarFeed() {
  return useFeedMutation(() => api.delete<CalendarFeed>('/me/calendar-feed'));
}
