import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext } from 'react';
import type { Me, User } from '../../../contracts/identity';
import type { Permission } from '../../../contracts/permissions';
import { api, apiRequest, isApiError, setCsrfToken } from './api';
import type { AppLocale } from './format';
import { applyLanguage } from './i18n';

export const meQueryKey = ['auth', 'me'] as const;

/** The session probe: `Me`, or null when nobody is logged in. */
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await apiRequest<Me>('/auth/me', { skipUnauthorizedHandler: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (isApiError(err, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

let loggedOut = false;

/** True after the user logged out on purpose (then /login should not offer to go back). */
export function wasLoggedOut(): boolean {
  return loggedOut;
}

export function useMeQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

const SessionContext = createContext<Me | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

/** The logged-in user's session; only inside the authenticated part of the app. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside of SessionProvider');
  return me;
}

/** The session when logged in, null on public pages (login). */
export function useOptionalSession(): Me | null {
  return useContext(SessionContext);
}

/** `can('users.manage')`: whether the current user holds a permission (hide what they cannot do). */
export function useCan(): (permission: Permission) => boolean {
  const me = useContext(SessionContext);
  return useCallback((permission: Permission) => Boolean(me?.permissions.includes(permission)), [me]);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<Me>('/auth/login', body),
    onSuccess: async (me) => {
      loggedOut = false;
      setCsrfToken(me.csrfToken);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, me);
      if (me.user.locale === 'de' || me.user.locale === 'en') await applyLanguage(me.user.locale);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    onSettled: () => {
      loggedOut = true;
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

export interface UpdateMeInput {
  name?: string;
  locale?: AppLocale;
  password?: string;
  currentPassword?: string;
}

/** Changes the current user's own name, language or password (`PATCH /auth/me`). */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ...body }: UpdateMeInput & { version: number }) =>
      api.patch<User>('/auth/me', { version, ...body }),
    onSuccess: (user) => {
      queryClient.setQueryData<Me | null>(meQueryKey, (prev) => (prev ? { ...prev, user } : prev));
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
