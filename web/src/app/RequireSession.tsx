import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '../../../src/auth/roles.ts';
import { useSession } from '../auth/session.tsx';
import { ForbiddenPage } from './StatusPages.tsx';

/** Sends visitors without a session to the login page, remembering where they wanted to go. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { user, loading, signedOut } = useSession();
  const location = useLocation();
  if (loading) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (!user) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={signedOut ? null : { from }} />;
  }
  return children;
}

/** Shows a refusal instead of the page when the role lacks every listed permission. */
export function RequirePermission({
  permissions,
  children,
}: {
  permissions: Permission[];
  children: ReactNode;
}) {
  const { can } = useSession();
  if (!permissions.some((permission) => can(permission))) return <ForbiddenPage />;
  return children;
}
