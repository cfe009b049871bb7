import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import type { Permission } from '../../../src/auth/roles.ts';
import { LoginPage } from '../auth/LoginPage.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { Layout } from './Layout.tsx';
import { RequirePermission, RequireSession } from './RequireSession.tsx';
import { NotFoundPage } from './StatusPages.tsx';

const UploadPage = lazy(() => import('../intake/UploadPage.tsx'));
const FormPage = lazy(() => import('../intake/FormPage.tsx'));
const SubmissionsPage = lazy(() => import('../intake/SubmissionsPage.tsx'));
const SubmissionDetailPage = lazy(() => import('../intake/SubmissionDetailPage.tsx'));
const FamilySearchPage = lazy(() => import('../registry/FamilySearchPage.tsx'));
const FamilyDetailPage = lazy(() => import('../registry/FamilyDetailPage.tsx'));
const UsersPage = lazy(() => import('../users/UsersPage.tsx'));
const CyclesPage = lazy(() => import('../eligibility/CyclesPage.tsx'));
const CyclePage = lazy(() => import('../eligibility/CyclePage.tsx'));
const DeterminationPage = lazy(() => import('../eligibility/DeterminationPage.tsx'));
const VerificationPage = lazy(() => import('../verification/VerificationPage.tsx'));
const ReviewQueuePage = lazy(() => import('../verification/ReviewQueuePage.tsx'));
const PairPage = lazy(() => import('../verification/PairPage.tsx'));
const ThresholdsPage = lazy(() => import('../verification/ThresholdsPage.tsx'));
const ChangePasswordPage = lazy(() => import('../auth/ChangePasswordPage.tsx'));
const AuditLogPage = lazy(() => import('../audit/AuditLogPage.tsx'));

const ELIGIBILITY_READERS: Permission[] = [
  'eligibility.prepare',
  'eligibility.sign',
  'eligibility.manage',
  'audit.read',
];

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <Layout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route
          path="audit"
          element={
            <RequirePermission permissions={['audit.read']}>
              <AuditLogPage />
            </RequirePermission>
          }
        />
        <Route
          path="intake/upload"
          element={
            <RequirePermission permissions={['intake.submit', 'intake.import']}>
              <UploadPage />
            </RequirePermission>
          }
        />
        <Route
          path="intake/form"
          element={
            <RequirePermission permissions={['intake.submit']}>
              <FormPage />
            </RequirePermission>
          }
        />
        <Route
          path="intake/submissions"
          element={
            <RequirePermission permissions={['intake.submit', 'intake.review', 'intake.import']}>
              <SubmissionsPage />
            </RequirePermission>
          }
        />
        <Route
          path="intake/submissions/:submissionId"
          element={
            <RequirePermission permissions={['intake.submit', 'intake.review', 'intake.import']}>
              <SubmissionDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="households"
          element={
            <RequirePermission permissions={['registry.read']}>
              <FamilySearchPage />
            </RequirePermission>
          }
        />
        <Route
          path="households/:householdId"
          element={
            <RequirePermission permissions={['registry.read']}>
              <FamilyDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission permissions={['users.manage']}>
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="verification"
          element={
            <RequirePermission
              permissions={['verification.run', 'verification.review', 'verification.settings']}
            >
              <VerificationPage />
            </RequirePermission>
          }
        />
        <Route
          path="verification/review"
          element={
            <RequirePermission permissions={['verification.review']}>
              <ReviewQueuePage />
            </RequirePermission>
          }
        />
        <Route
          path="verification/review/pair"
          element={
            <RequirePermission permissions={['verification.review']}>
              <PairPage />
            </RequirePermission>
          }
        />
        <Route
          path="verification/thresholds"
          element={
            <RequirePermission permissions={['verification.review', 'verification.settings']}>
              <ThresholdsPage />
            </RequirePermission>
          }
        />
        <Route
          path="cycles"
          element={
            <RequirePermission permissions={ELIGIBILITY_READERS}>
              <CyclesPage />
            </RequirePermission>
          }
        />
        <Route
          path="cycles/:cycleId"
          element={
            <RequirePermission permissions={ELIGIBILITY_READERS}>
              <CyclePage />
            </RequirePermission>
          }
        />
        <Route
          path="determinations/:determinationId"
          element={
            <RequirePermission permissions={ELIGIBILITY_READERS}>
              <DeterminationPage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
