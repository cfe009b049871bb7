import { Stack, Text } from '@mantine/core';
import type { SubmissionRow } from '../api/types.ts';
import { headerOfField } from './intake-columns.ts';

/** Each problem of a row (the server's message names the field), red for errors and amber for warnings. */
export function RowProblems({ row }: { row: SubmissionRow }) {
  if (row.problems.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        –
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {row.problems.map((problem, index) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own
          key={index}
          size="sm"
          c={problem.severity === 'error' ? 'red.8' : 'yellow.9'}
          data-testid="row-problem"
          data-field={headerOfField(problem.field)}
          data-severity={problem.severity}
        >
          {problem.message}
        </Text>
      ))}
    </Stack>
  );
}
