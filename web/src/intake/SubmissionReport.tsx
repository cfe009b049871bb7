// The row-by-row report of one submission: counts, filter tabs, the rows with their problems, and (for reviewers)
// forwarding, returning and correcting rows.
import {
  Alert,
  Badge,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Modal,
  Pagination,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REVIEW_REASON_LIMIT } from '../../../src/intake/intake-form-limits.ts';
import type { RowFilter, Submission, SubmissionRow } from '../api/types.ts';
import { ErrorAlert, errorMessage } from '../app/ErrorAlert.tsx';
import { formatNumber } from '../app/format.ts';
import { useIsPhone } from '../app/responsive.ts';
import { ReviewBadge, ValidationBadge } from './badges.tsx';
import { intakeKeys, listRows, type ReviewDecision, reviewRows } from './intake-api.ts';
import { RowEditModal } from './RowEditModal.tsx';
import { RowProblems } from './RowProblems.tsx';

const PAGE_SIZE = 25;

// The row actions stay at the right edge of the table's visible part: on a laptop the table scrolls sideways
// and a last column would sit out of sight.
const STICKY_ACTIONS = {
  position: 'sticky',
  right: 0,
  background: 'var(--mantine-color-body)',
  boxShadow: 'inset 1px 0 0 var(--mantine-color-gray-3)',
} as const;

const FILTER_COUNT: Record<RowFilter, (submission: Submission) => number> = {
  all: (submission) => submission.rowCount,
  rejected: (submission) => submission.rejectedCount,
  warnings: (submission) => submission.warningCount,
  pending: (submission) => submission.pendingCount,
  forwarded: (submission) => submission.forwardedCount,
  returned: (submission) => submission.returnedCount,
};

export function SubmissionCounts({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const counts: { key: string; value: number; color?: string }[] = [
    { key: 'rows', value: submission.rowCount },
    { key: 'accepted', value: submission.acceptedCount, color: 'green.8' },
    {
      key: 'rejected',
      value: submission.rejectedCount,
      color: submission.rejectedCount > 0 ? 'red.8' : undefined,
    },
    {
      key: 'warnings',
      value: submission.warningCount,
      color: submission.warningCount > 0 ? 'yellow.9' : undefined,
    },
    { key: 'pending', value: submission.pendingCount },
    { key: 'forwarded', value: submission.forwardedCount, color: 'teal.8' },
    {
      key: 'returned',
      value: submission.returnedCount,
      color: submission.returnedCount > 0 ? 'orange.8' : undefined,
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, xs: 4, md: 7 }} spacing="xs" data-testid="submission-counts">
      {counts.map((count) => (
        <Paper key={count.key} withBorder p="xs" data-testid={`count-${count.key}`} data-value={count.value}>
          <Text size="xs" c="dimmed">
            {t(`counts.${count.key}`)}
          </Text>
          <Text fw={700} size="xl" c={count.color}>
            {formatNumber(count.value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

interface SubmissionReportProps {
  submission: Submission;
  /** Checkboxes, forward/return and correcting rejected rows. */
  reviewable?: boolean;
  filters?: RowFilter[];
  defaultFilter?: RowFilter;
}

export function SubmissionReport({
  submission,
  reviewable = false,
  filters = ['all', 'rejected', 'warnings', 'pending', 'forwarded', 'returned'],
  defaultFilter = 'all',
}: SubmissionReportProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isPhone = useIsPhone();
  const [filter, setFilter] = useState<RowFilter>(defaultFilter);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Map<number, SubmissionRow>>(new Map());
  const [editing, setEditing] = useState<SubmissionRow | null>(null);
  const [returning, setReturning] = useState(false);
  const [confirmingForwardAll, setConfirmingForwardAll] = useState(false);

  const rows = useQuery({
    queryKey: intakeKeys.rows(submission.id, filter, page, PAGE_SIZE),
    queryFn: () => listRows(submission.id, filter, page, PAGE_SIZE),
    placeholderData: keepPreviousData,
  });

  const review = useMutation({
    mutationFn: (body: { decisions: ReviewDecision[] } | { forwardAllAccepted: true }) =>
      reviewRows(submission.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(intakeKeys.submission(submission.id), updated);
      void queryClient.invalidateQueries({ queryKey: intakeKeys.all });
      setSelected(new Map());
      setReturning(false);
      setConfirmingForwardAll(false);
      notifications.show({ color: 'teal', message: t('review.saved'), withBorder: true });
    },
  });

  const canDecide = reviewable && submission.status !== 'file_rejected';
  // The accepted rows still waiting; rows already forwarded or returned are not forwarded again.
  const waitingAccepted = submission.acceptedPendingCount;
  const pageRows = rows.data?.rows ?? [];
  const selectableRows = pageRows.filter((row) => row.review === 'pending');
  const selectedRows = [...selected.values()];
  const selectedHasRejected = selectedRows.some((row) => row.validation === 'rejected');
  const allOnPageSelected =
    selectableRows.length > 0 && selectableRows.every((row) => selected.has(row.rowNumber));

  const toggleRow = (row: SubmissionRow, checked: boolean) => {
    setSelected((current) => {
      const next = new Map(current);
      if (checked) next.set(row.rowNumber, row);
      else next.delete(row.rowNumber);
      return next;
    });
  };
  const togglePage = (checked: boolean) => {
    setSelected((current) => {
      const next = new Map(current);
      for (const row of selectableRows) {
        if (checked) next.set(row.rowNumber, row);
        else next.delete(row.rowNumber);
      }
      return next;
    });
  };

  const changeFilter = (value: string | null) => {
    setFilter((value as RowFilter | null) ?? 'all');
    setPage(1);
  };

  const totalPages = Math.max(1, Math.ceil((rows.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Stack data-testid="submission-report">
      <SubmissionCounts submission={submission} />

      {canDecide && submission.pendingCount > 0 ? (
        <Paper withBorder p="sm" data-testid="review-actions">
          <Stack gap="xs">
            <Text fw={600}>{t('review.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('review.explanation')}
            </Text>
            <Group gap="xs">
              <Button
                onClick={() => setConfirmingForwardAll(true)}
                disabled={(waitingAccepted ?? submission.acceptedCount) === 0}
                data-testid="review-forward-all"
              >
                {t('review.forwardAllAccepted')}
              </Button>
              <Button
                variant="light"
                disabled={selectedRows.length === 0 || selectedHasRejected}
                loading={review.isPending}
                onClick={() =>
                  review.mutate({
                    decisions: selectedRows.map((row) => ({ rowNumber: row.rowNumber, decision: 'forward' })),
                  })
                }
                data-testid="review-forward-selected"
              >
                {t('review.forwardSelected', { count: selectedRows.length })}
              </Button>
              <Button
                variant="light"
                color="orange"
                disabled={selectedRows.length === 0}
                onClick={() => setReturning(true)}
                data-testid="review-return-selected"
              >
                {t('review.returnSelected', { count: selectedRows.length })}
              </Button>
            </Group>
            {selectedHasRejected ? (
              <Text size="sm" c="orange.9">
                {t('review.rejectedCannotForward')}
              </Text>
            ) : null}
            {review.error ? <ErrorAlert error={review.error} testId="review-error" /> : null}
          </Stack>
        </Paper>
      ) : null}

      <Tabs value={filter} onChange={changeFilter} keepMounted={false}>
        <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          {filters.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`filter-${value}`}>
              {t(`rowFilter.${value}`)}{' '}
              <Badge size="sm" variant="light" color="gray" ml={4}>
                {formatNumber(FILTER_COUNT[value](submission))}
              </Badge>
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      {rows.error ? <ErrorAlert error={rows.error} /> : null}
      {rows.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : pageRows.length === 0 ? (
        <Text c="dimmed" data-testid="rows-empty">
          {t('report.noRows')}
        </Text>
      ) : isPhone ? (
        <Stack gap="sm" data-testid="rows-table">
          {canDecide && selectableRows.length > 0 ? (
            <Checkbox
              size="md"
              label={t('review.selectPage')}
              checked={allOnPageSelected}
              onChange={(event) => togglePage(event.currentTarget.checked)}
              data-testid="select-page"
            />
          ) : null}
          {pageRows.map((row) => (
            <Paper
              key={row.rowNumber}
              withBorder
              p="sm"
              data-testid={`row-${row.rowNumber}`}
              data-validation={row.validation}
              data-review={row.review}
              style={
                row.validation === 'rejected' ? { borderColor: 'var(--mantine-color-red-5)' } : undefined
              }
            >
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Group gap="xs" wrap="nowrap">
                    {canDecide && row.review === 'pending' ? (
                      <Checkbox
                        size="md"
                        aria-label={t('review.selectRow', { rowNumber: row.rowNumber })}
                        checked={selected.has(row.rowNumber)}
                        disabled={row.review !== 'pending'}
                        onChange={(event) => toggleRow(row, event.currentTarget.checked)}
                        data-testid={`select-row-${row.rowNumber}`}
                      />
                    ) : null}
                    <Text fw={700}>
                      {t('report.row')} {row.rowNumber}
                    </Text>
                  </Group>
                  <Stack gap={4} align="flex-end">
                    <ValidationBadge row={row} />
                    <ReviewBadge review={row.review} />
                  </Stack>
                </Group>
                <Text fw={600}>{row.values.nama || '–'}</Text>
                <Text size="sm" ff="monospace">
                  {t('field.nik')}: {row.values.nik || '–'}
                  <br />
                  {t('field.no_kk')}: {row.values.no_kk || '–'}
                </Text>
                {row.problems.length > 0 ? <RowProblems row={row} /> : null}
                <RowReviewNotes row={row} />
                {canDecide && row.validation === 'rejected' && row.review === 'pending' ? (
                  <Button
                    variant="outline"
                    fullWidth
                    onClick={() => setEditing(row)}
                    data-testid={`edit-row-${row.rowNumber}`}
                  >
                    {t('edit.button')}
                  </Button>
                ) : null}
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm" data-testid="rows-table">
            <Table.Thead>
              <Table.Tr>
                {canDecide ? (
                  <Table.Th w={48}>
                    <Checkbox
                      size="md"
                      aria-label={t('review.selectPage')}
                      checked={allOnPageSelected}
                      disabled={selectableRows.length === 0}
                      onChange={(event) => togglePage(event.currentTarget.checked)}
                      data-testid="select-page"
                    />
                  </Table.Th>
                ) : null}
                <Table.Th>{t('report.row')}</Table.Th>
                <Table.Th>{t('field.nama')}</Table.Th>
                <Table.Th>{t('field.nik')}</Table.Th>
                <Table.Th>{t('field.no_kk')}</Table.Th>
                <Table.Th>{t('report.status')}</Table.Th>
                <Table.Th>{t('report.problems')}</Table.Th>
                {canDecide ? <Table.Th style={STICKY_ACTIONS} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pageRows.map((row) => (
                <Table.Tr
                  key={row.rowNumber}
                  data-testid={`row-${row.rowNumber}`}
                  data-validation={row.validation}
                  data-review={row.review}
                >
                  {canDecide ? (
                    <Table.Td>
                      <Checkbox
                        size="md"
                        aria-label={t('review.selectRow', { rowNumber: row.rowNumber })}
                        checked={selected.has(row.rowNumber)}
                        disabled={row.review !== 'pending'}
                        onChange={(event) => toggleRow(row, event.currentTarget.checked)}
                        data-testid={`select-row-${row.rowNumber}`}
                      />
                    </Table.Td>
                  ) : null}
                  <Table.Td>{row.rowNumber}</Table.Td>
                  <Table.Td>{row.values.nama || '–'}</Table.Td>
                  <Table.Td ff="monospace">{row.values.nik || '–'}</Table.Td>
                  <Table.Td ff="monospace">{row.values.no_kk || '–'}</Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <ValidationBadge row={row} />
                      <ReviewBadge review={row.review} />
                      <RowReviewNotes row={row} />
                    </Stack>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <RowProblems row={row} />
                  </Table.Td>
                  {canDecide ? (
                    <Table.Td style={STICKY_ACTIONS}>
                      {row.validation === 'rejected' && row.review === 'pending' ? (
                        <Button
                          size="sm"
                          variant="outline"
                          onClick={() => setEditing(row)}
                          data-testid={`edit-row-${row.rowNumber}`}
                        >
                          {t('edit.button')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {totalPages > 1 ? (
        <Pagination
          total={totalPages}
          value={page}
          onChange={setPage}
          size="lg"
          data-testid="rows-pagination"
        />
      ) : null}

      {editing ? (
        <RowEditModal submissionId={submission.id} row={editing} onClose={() => setEditing(null)} />
      ) : null}

      {returning ? (
        <ReturnReasonModal
          opened={returning}
          count={selectedRows.length}
          pending={review.isPending}
          error={review.error}
          onClose={() => setReturning(false)}
          onConfirm={(reason) =>
            review.mutate({
              decisions: selectedRows.map((row) => ({
                rowNumber: row.rowNumber,
                decision: 'return',
                reason,
              })),
            })
          }
        />
      ) : null}

      <Modal
        opened={confirmingForwardAll}
        onClose={() => setConfirmingForwardAll(false)}
        title={t('review.forwardAllAccepted')}
        centered
      >
        <Stack>
          <Text data-testid="review-forward-all-message">
            {waitingAccepted === null
              ? t('review.forwardAllConfirmUncounted')
              : t('review.forwardAllConfirm', {
                  count: waitingAccepted,
                  formatted: formatNumber(waitingAccepted),
                })}
          </Text>
          {review.error ? <Alert color="red">{errorMessage(review.error, t)}</Alert> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingForwardAll(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={review.isPending}
              onClick={() => review.mutate({ forwardAllAccepted: true })}
              data-testid="review-forward-all-confirm"
            >
              {t('review.forward')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** The reason a row was returned, and a link to the family once the row reached the registry. */
function RowReviewNotes({ row }: { row: SubmissionRow }) {
  const { t } = useTranslation();
  return (
    <>
      {row.reviewReason ? (
        <Text size="xs" c="dimmed" data-testid="row-review-reason">
          {row.reviewReason}
        </Text>
      ) : null}
      {row.householdId ? (
        <Text size="xs" component={Link} to={`/households/${row.householdId}`} c="teal.8">
          {t('report.openFamily')}
        </Text>
      ) : null}
    </>
  );
}

function ReturnReasonModal({
  opened,
  count,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  count: number;
  pending: boolean;
  error: unknown;
  onClose(): void;
  onConfirm(reason: string): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const trimmed = reason.trim();
  return (
    <Modal opened={opened} onClose={onClose} title={t('review.returnTitle', { count })} centered>
      <Stack>
        <Text size="sm">{t('review.returnExplanation')}</Text>
        <Textarea
          label={t('review.reason')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          maxLength={REVIEW_REASON_LIMIT}
          onBlur={() => setTouched(true)}
          error={touched && trimmed === '' ? t('review.reasonRequired') : undefined}
          autosize
          minRows={3}
          required
          data-testid="return-reason"
        />
        {error ? <Alert color="red">{errorMessage(error, t)}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="orange"
            loading={pending}
            disabled={trimmed === ''}
            onClick={() => onConfirm(trimmed)}
            data-testid="return-confirm"
          >
            {t('review.return')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
