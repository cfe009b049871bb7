import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SubmissionRow, SubmissionStatus } from '../api/types.ts';

const SUBMISSION_STATUS_COLOR: Record<SubmissionStatus, string> = {
  in_review: 'blue',
  reviewed: 'green',
  file_rejected: 'red',
};

export function SubmissionStatusBadge({ status }: { status: SubmissionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={SUBMISSION_STATUS_COLOR[status] ?? 'gray'} variant="light" data-testid="submission-status">
      {t(`submissionStatus.${status}`)}
    </Badge>
  );
}

export function ValidationBadge({ row }: { row: SubmissionRow }) {
  const { t } = useTranslation();
  const hasWarnings = row.problems.some((problem) => problem.severity === 'warning');
  if (row.validation === 'rejected') {
    return (
      <Badge color="red" data-testid="row-validation" data-validation="rejected">
        {t('rowValidation.rejected')}
      </Badge>
    );
  }
  return (
    <Badge color={hasWarnings ? 'yellow' : 'green'} data-testid="row-validation" data-validation="accepted">
      {hasWarnings ? t('rowValidation.acceptedWithWarnings') : t('rowValidation.accepted')}
    </Badge>
  );
}

const REVIEW_COLOR: Record<SubmissionRow['review'], string> = {
  pending: 'gray',
  forwarded: 'teal',
  returned: 'orange',
};

export function ReviewBadge({ review }: { review: SubmissionRow['review'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={REVIEW_COLOR[review] ?? 'gray'}
      variant="outline"
      data-testid="row-review"
      data-review={review}
    >
      {t(`rowReview.${review}`)}
    </Badge>
  );
}
