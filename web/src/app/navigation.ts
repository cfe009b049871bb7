// Which menu entries each role sees; permissions mirror the server's (src/auth/roles.ts).
import { hasPermission, type Permission } from '../../../src/auth/roles.ts';
import type { User } from '../api/types.ts';

export interface NavigationItem {
  path: string;
  labelKey: string;
  testId: string;
  /** Any one of these permissions shows the entry; none listed means everyone. */
  permissions: readonly Permission[];
}

export const NAVIGATION: readonly NavigationItem[] = [
  { path: '/', labelKey: 'nav.home', testId: 'nav-home', permissions: [] },
  {
    path: '/intake/upload',
    labelKey: 'nav.upload',
    testId: 'nav-upload',
    permissions: ['intake.submit', 'intake.import'],
  },
  { path: '/intake/form', labelKey: 'nav.form', testId: 'nav-form', permissions: ['intake.submit'] },
  {
    path: '/intake/submissions',
    labelKey: 'nav.submissions',
    testId: 'nav-submissions',
    permissions: ['intake.submit', 'intake.review', 'intake.import'],
  },
  {
    path: '/households',
    labelKey: 'nav.households',
    testId: 'nav-households',
    permissions: ['registry.read'],
  },
  {
    path: '/verification',
    labelKey: 'nav.verification',
    testId: 'nav-verification',
    permissions: ['verification.run', 'verification.review', 'verification.settings'],
  },
  {
    path: '/verification/review',
    labelKey: 'nav.review',
    testId: 'nav-review',
    permissions: ['verification.review'],
  },
  {
    path: '/cycles',
    labelKey: 'eligibility.nav',
    testId: 'nav-cycles',
    permissions: ['eligibility.prepare', 'eligibility.sign', 'eligibility.manage', 'audit.read'],
  },
  { path: '/users', labelKey: 'nav.users', testId: 'nav-users', permissions: ['users.manage'] },
  { path: '/audit', labelKey: 'nav.audit', testId: 'nav-audit', permissions: ['audit.read'] },
];

export function navigationFor(user: User): NavigationItem[] {
  return NAVIGATION.filter(
    (item) =>
      item.permissions.length === 0 ||
      item.permissions.some((permission) => hasPermission(user.role, permission)),
  ).map((item) =>
    // RT/RW heads only ever see their own submissions, so the menu says so.
    item.path === '/intake/submissions' && user.role === 'rt_rw_head'
      ? { ...item, labelKey: 'nav.mySubmissions' }
      : item,
  );
}
