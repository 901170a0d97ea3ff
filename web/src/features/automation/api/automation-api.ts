import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AutomationCatalog,
  CreateRule,
  Rule,
  RuleDefinitionInput,
  UpdateRule,
} from '../../../../../contracts/automation';
import type {
  DryRunResult,
  FailedAction,
  RuleRun,
  RunStatus,
} from '../../../../../contracts/automation-runs';
import type { ListResponse } from '../../../../../contracts/common';
import { api, apiRequest } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const automationKeys = {
  all: ['automation'] as const,
  rules: () => ['automation', 'rules'] as const,
  rule: (id: string) => ['automation', 'rule', id] as const,
  versions: (id: string) => ['automation', 'versions', id] as const,
  runs: (id: string, status: RunStatus | '') => ['automation', 'runs', id, status] as const,
  failed: () => ['automation', 'failed'] as const,
  catalog: () => ['automation', 'catalog'] as const,
  provenance: (entityType: string, entityId: string) =>
    ['automation', 'provenance', entityType, entityId] as const,
};

const rulePath = (id: string) => `/rules/${encodeURIComponent(id)}`;

/** All rules: custom ones and the built-in processes (`builtin` set). */
export function useRules() {
  return useQuery({
    queryKey: automationKeys.rules(),
    queryFn: ({ signal }) => api.get<{ items: Rule[] }>('/rules', undefined, signal),
    select: (data) => data.items,
  });
}

export function useRule(id: string | null) {
  return useQuery({
    queryKey: automationKeys.rule(id ?? ''),
    queryFn: ({ signal }) => api.get<Rule>(rulePath(id ?? ''), undefined, signal),
    enabled: Boolean(id),
  });
}

/** What the editor offers: triggers, fields, actions and variables per record type. */
export function useAutomationCatalog() {
  return useQuery({
    queryKey: automationKeys.catalog(),
    queryFn: ({ signal }) => api.get<AutomationCatalog>('/automation/catalog', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

function useInvalidateRules() {
  const queryClient = useQueryClient();
  return (saved?: Rule) => {
    if (saved) queryClient.setQueryData(automationKeys.rule(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: automationKeys.rules() });
    if (saved) void queryClient.invalidateQueries({ queryKey: automationKeys.versions(saved.id) });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
  };
}

export function useCreateRule() {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: (body: CreateRule) => api.post<Rule>('/rules', body),
    onSuccess: (saved) => invalidate(saved),
  });
}

export function useUpdateRule() {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateRule }) =>
      apiRequest<Rule>(rulePath(id), { method: 'PUT', body }),
    onSuccess: (saved) => invalidate(saved),
  });
}

/**
 * The list's enabled switch: flips the rule in the cached list at once (optimistic) and puts it
 * back when the server refuses (a stale version, a rule that can no longer run).
 */
export function useToggleRule() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: ({ rule, enabled }: { rule: Rule; enabled: boolean }) =>
      apiRequest<Rule>(rulePath(rule.id), { method: 'PUT', body: { version: rule.version, enabled } }),
    onMutate: async ({ rule, enabled }) => {
      await queryClient.cancelQueries({ queryKey: automationKeys.rules() });
      const before = queryClient.getQueryData<{ items: Rule[] }>(automationKeys.rules());
      if (before) {
        queryClient.setQueryData(automationKeys.rules(), {
          items: before.items.map((r) => (r.id === rule.id ? { ...r, enabled } : r)),
        });
      }
      return { before };
    },
    onError: (_err, _vars, context) => {
      if (context?.before) queryClient.setQueryData(automationKeys.rules(), context.before);
    },
    onSettled: (saved) => invalidate(saved ?? undefined),
  });
}

export function useDeleteRule() {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(rulePath(id)),
    onSuccess: () => invalidate(),
  });
}

/** A kept version of a rule (every save is one): who saved it (a user id) and when. */
export interface RuleVersion {
  version: number;
  name: string;
  enabled: boolean;
  changedBy: string | null;
  changedAt: string;
}

export function useRuleVersions(id: string | null) {
  return useQuery({
    queryKey: automationKeys.versions(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ items: RuleVersion[] }>(`${rulePath(id ?? '')}/versions`, undefined, signal),
    select: (data) => data.items,
    enabled: Boolean(id),
  });
}

/** A dry run: of a saved rule (`id`) or of the definition in the editor (unsaved changes). */
export function useDryRun() {
  return useMutation({
    mutationFn: ({
      id,
      rule,
      recordId,
    }: {
      id: string | null;
      rule: RuleDefinitionInput | null;
      recordId?: string;
    }) =>
      id && !rule
        ? api.post<DryRunResult>(`${rulePath(id)}/dry-run`, { recordId, limit: 5 })
        : api.post<DryRunResult>('/rules/dry-run', { rule, recordId, limit: 5 }),
  });
}

const RUNS_PAGE = 25;

/** A rule's runs, newest first, optionally of one status; paged by cursor. */
export function useRuleRuns(id: string, status: RunStatus | '') {
  return useInfiniteQuery({
    queryKey: automationKeys.runs(id, status),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<RuleRun>>(
        `${rulePath(id)}/runs`,
        { status, limit: RUNS_PAGE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: Boolean(id),
  });
}

export function useFailedActions() {
  return useInfiniteQuery({
    queryKey: automationKeys.failed(),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<FailedAction>>(
        '/automation/failed-actions',
        { limit: 50, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Retry or discard a failed action; both take it off the failed list. */
export function useResolveFailedAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verb }: { id: string; verb: 'retry' | 'discard' }) =>
      api.post<unknown>(`/automation/failed-actions/${encodeURIComponent(id)}/${verb}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: automationKeys.failed() });
      void queryClient.invalidateQueries({ queryKey: automationKeys.rules() });
      void queryClient.invalidateQueries({ queryKey: ['automation', 'runs'] });
    },
  });
}

/** Why automation made a record: the rule, its version and the reason. */
export interface ProvenanceItem {
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  runId: string;
  reason: string;
  at: string;
}

export function useProvenance(entityType: string, entityId: string, enabled = true) {
  return useQuery({
    queryKey: automationKeys.provenance(entityType, entityId),
    queryFn: ({ signal }) =>
      api.get<{ items: ProvenanceItem[] }>('/automation/provenance', { entityType, entityId }, signal),
    select: (data) => data.items,
    enabled: enabled && Boolean(entityId),
    staleTime: 5 * 60_000,
  });
}
