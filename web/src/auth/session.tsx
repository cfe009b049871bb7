// The signed-in user for the whole app: loaded from /api/auth/me, set by login, cleared by logout.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, use, useCallback, useMemo, useState } from 'react';
import { hasPermission, type Permission } from '../../../src/auth/roles.ts';
import { ApiError, api } from '../api/client.ts';
import type { User } from '../api/types.ts';

export const SESSION_QUERY_KEY = ['session'] as const;

interface SessionValue {
  user: User | null;
  loading: boolean;
  /** True after the user signed out on purpose: the next sign-in starts at home, not at the last page. */
  signedOut: boolean;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
  can(permission: Permission): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

async function fetchSessionUser(): Promise<User | null> {
  try {
    const { user } = await api.get<{ user: User }>('/api/auth/me');
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: fetchSessionUser,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const user = session.data ?? null;
  const [signedOut, setSignedOut] = useState(false);

  const login = useCallback(
    async (username: string, password: string) => {
      const { user: signedIn } = await api.post<{ user: User }>('/api/auth/login', { username, password });
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData(SESSION_QUERY_KEY, signedIn);
      setSignedOut(false);
      return signedIn;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setSignedOut(true);
      // The session query stays (its observer lives on); everything the user loaded is forgotten.
      queryClient.setQueryData(SESSION_QUERY_KEY, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
    }
  }, [queryClient]);

  const value = useMemo<SessionValue>(
    () => ({
      user,
      loading: session.isPending,
      signedOut,
      login,
      logout,
      can: (permission) => (user ? hasPermission(user.role, permission) : false),
    }),
    [user, session.isPending, signedOut, login, logout],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The signed-in user; only for pages behind RequireSession. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('No signed-in user');
  return user;
}
