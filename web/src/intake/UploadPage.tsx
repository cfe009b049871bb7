// Uploading an intake file (CSV or XLSX) and reading its row-by-row report.
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { Submission } from '../api/types.ts';
import { ErrorAlert, errorMessage } from '../app/ErrorAlert.tsx';
import { formatNumber } from '../app/format.ts';
import { SubmissionStatusBadge } from './badges.tsx';
import { intakeKeys, TEMPLATE_CSV_URL, TEMPLATE_XLSX_URL, uploadIntakeFile } from './intake-api.ts';
import { SubmissionReport } from './SubmissionReport.tsx';

export default function UploadPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submission, setSubmission] = useState<Submission | null>(null);

  const upload = async () => {
    if (!file) return;
    setError(null);
    setSubmission(null);
    setProgress(0);
    try {
      const result = await uploadIntakeFile(file, setProgress);
      queryClient.setQueryData(intakeKeys.submission(result.id), result);
      void queryClient.invalidateQueries({ queryKey: intakeKeys.all });
      setSubmission(result);
      setFile(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  const uploading = progress !== null;

  return (
    <Stack maw={1200}>
      <Title order={2}>{t('upload.title')}</Title>
      <Paper withBorder p="md">
        <Stack>
          <Text>{t('upload.intro')}</Text>
          <Group gap="sm">
            <Button
              component="a"
              href={TEMPLATE_XLSX_URL}
              download
              variant="light"
              data-testid="template-xlsx"
            >
              {t('upload.templateXlsx')}
            </Button>
            <Button component="a" href={TEMPLATE_CSV_URL} download variant="light" data-testid="template-csv">
              {t('upload.templateCsv')}
            </Button>
          </Group>
          <List size="sm" spacing={4}>
            <List.Item>{t('upload.tipColumns')}</List.Item>
            <List.Item>{t('upload.tipInstructions')}</List.Item>
            <List.Item>{t('upload.tipText')}</List.Item>
            <List.Item>{t('upload.tipOneRowPerPerson')}</List.Item>
          </List>
          <FileInput
            label={t('upload.fileLabel')}
            placeholder={t('upload.filePlaceholder')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(value) => {
              setFile(value);
              setError(null);
            }}
            clearable
            size="lg"
            disabled={uploading}
            data-testid="upload-file"
          />
          <Group>
            <Button
              size="lg"
              onClick={upload}
              disabled={!file}
              loading={uploading}
              data-testid="upload-submit"
            >
              {t('upload.submit')}
            </Button>
          </Group>
          {uploading ? (
            <Stack gap={4} data-testid="upload-progress">
              <Progress value={(progress ?? 0) * 100} size="lg" animated />
              <Text size="sm" c="dimmed">
                {(progress ?? 0) >= 1 ? t('upload.checking') : t('upload.sending')}
              </Text>
            </Stack>
          ) : null}
        </Stack>
      </Paper>

      {error ? <UploadError error={error} /> : null}

      {submission ? <UploadResult submission={submission} /> : null}
    </Stack>
  );
}

function UploadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (error.status === 400 || error.status === 413)) {
    return (
      <Alert
        color="red"
        variant="filled"
        title={t('upload.fileRefused')}
        data-testid="upload-error"
        role="alert"
      >
        <Text size="lg" style={{ overflowWrap: 'anywhere' }}>
          {errorMessage(error, t)}
        </Text>
      </Alert>
    );
  }
  return <ErrorAlert error={error} testId="upload-error" />;
}

function UploadResult({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const fileRejected = submission.status === 'file_rejected';
  return (
    <Stack data-testid="upload-result" data-submission-id={submission.id}>
      <Group justify="space-between">
        <Title order={3}>{t('upload.resultTitle', { fileName: submission.fileName ?? '' })}</Title>
        <SubmissionStatusBadge status={submission.status} />
      </Group>
      {submission.duplicateOf ? (
        <Alert color="blue" title={t('upload.duplicateTitle')} data-testid="upload-duplicate">
          {t('upload.duplicate', { id: submission.duplicateOf })}{' '}
          <Anchor component={Link} to={`/intake/submissions/${submission.duplicateOf}`}>
            {t('upload.openSubmission')}
          </Anchor>
        </Alert>
      ) : null}
      {fileRejected ? (
        <Alert
          color="red"
          variant="filled"
          title={t('upload.fileRejected')}
          data-testid="file-problems"
          role="alert"
        >
          <List>
            {submission.fileProblems.map((problem) => (
              <List.Item key={problem.message}>{problem.message}</List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <Alert
          color={submission.rejectedCount > 0 ? 'orange' : 'green'}
          data-testid="upload-summary"
          title={
            submission.rejectedCount > 0
              ? t('upload.someRejected', { count: submission.rejectedCount })
              : t('upload.allAccepted')
          }
        >
          {t('upload.summary', {
            rows: formatNumber(submission.rowCount),
            accepted: formatNumber(submission.acceptedCount),
            rejected: formatNumber(submission.rejectedCount),
          })}{' '}
          <Anchor
            component={Link}
            to={`/intake/submissions/${submission.id}`}
            data-testid="upload-open-submission"
          >
            {t('upload.openSubmission')}
          </Anchor>
        </Alert>
      )}
      {!fileRejected ? (
        <SubmissionReport
          submission={submission}
          filters={['rejected', 'warnings', 'all']}
          defaultFilter={submission.rejectedCount > 0 ? 'rejected' : 'all'}
        />
      ) : null}
    </Stack>
  );
}
