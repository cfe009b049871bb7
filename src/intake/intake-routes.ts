import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, requireUser, scopeOf } from '../auth/session-hook.ts';
import { actorOf } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest, HttpError } from '../http/http-error.ts';
import { languageOf } from '../http/request-language.ts';
import { correctSubmissionRow } from './correct-submission-row.ts';
import {
  ZIntakeFormSchema,
  ZPageQuerySchema,
  ZReviewSchema,
  ZRowFilterSchema,
  ZSubmissionRowSchema,
  ZSubmissionSchema,
} from './intake-contracts.ts';
import { CORRECTED_CELL_LIMIT } from './intake-form-limits.ts';
import { presentSubmission } from './intake-presenters.ts';
import { findSubmission, listSubmissions, storeOriginalFile } from './intake-repository.ts';
import { intakeTemplateCsv, intakeTemplateXlsx } from './intake-template.ts';
import { reviewSubmission } from './review-submission.ts';
import { requireVisibleSubmission, submissionVisibility } from './submission-access.ts';
import { submitIntakeFile } from './submit-intake-file.ts';
import { submitIntakeForm } from './submit-intake-form.ts';
import { presentRowFor, viewSubmissionRows } from './view-submission-rows.ts';

const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

export function registerIntakeRoutes(app: FastifyInstance, { db }: { db: DatabaseClient }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const submissionResponse = z.object({ submission: ZSubmissionSchema });

  api.get('/intake/template.csv', { schema: { tags: ['intake'] } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="template-daftar-keluarga.csv"')
      .send(intakeTemplateCsv()),
  );
  api.get('/intake/template.xlsx', { schema: { tags: ['intake'] } }, async (_request, reply) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="template-daftar-keluarga.xlsx"')
      .send(await intakeTemplateXlsx()),
  );

  api.post(
    '/intake/uploads',
    { schema: { tags: ['intake'], response: { 200: submissionResponse } } },
    async (request) => {
      const user = requirePermission(request, 'intake.submit');
      const part = await request.file();
      if (!part)
        throw badRequest('file_missing', {
          en: 'Choose a CSV or XLSX file to upload',
          id: 'Pilih berkas CSV atau XLSX yang akan diunggah',
        });
      const directory = await mkdtemp(path.join(tmpdir(), 'tepat-upload-'));
      const fileName = path.basename(part.filename || 'upload');
      const filePath = path.join(directory, 'upload');
      try {
        await pipeline(part.file, createWriteStream(filePath));
        if (part.file.truncated) {
          throw new HttpError(413, 'file_too_large', {
            en: `${fileName}: larger than 100 MB; split the list into several files`,
            id: `${fileName}: lebih besar dari 100 MB; bagi daftar ini menjadi beberapa berkas`,
          });
        }
        const result = await submitIntakeFile({
          db,
          actor: actorOf(user),
          scope: scopeOf(user),
          filePath,
          fileName,
          channel: 'upload',
          forwardImmediately: false,
        });
        if (result.duplicateOf === null && (await stat(filePath)).size <= UPLOAD_LIMIT_BYTES) {
          await storeOriginalFile(db, result.submissionId, await readFile(filePath));
        }
        const submission = await findSubmission(db, result.submissionId);
        return {
          submission: presentSubmission(
            submission!,
            languageOf(request.headers['accept-language']),
            result.duplicateOf,
          ),
        };
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  );

  api.post(
    '/intake/forms',
    { schema: { tags: ['intake'], body: ZIntakeFormSchema, response: { 200: submissionResponse } } },
    async (request) => {
      const user = requirePermission(request, 'intake.submit');
      const submissionId = await submitIntakeForm({ db, user, form: request.body });
      const submission = await findSubmission(db, submissionId);
      return { submission: presentSubmission(submission!, languageOf(request.headers['accept-language'])) };
    },
  );

  api.get(
    '/intake/submissions',
    {
      schema: {
        tags: ['intake'],
        querystring: ZPageQuerySchema.extend({
          status: z.string().max(30).optional(),
          /** 'true': only submissions with rows returned to their sender. */
          returned: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ submissions: z.array(ZSubmissionSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { page, pageSize, status, returned } = request.query;
      const { submissions, total } = await listSubmissions(db, {
        ...submissionVisibility(user),
        status,
        withReturnedRows: returned === 'true',
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const language = languageOf(request.headers['accept-language']);
      return { submissions: submissions.map((submission) => presentSubmission(submission, language)), total };
    },
  );

  api.get(
    '/intake/submissions/:id',
    {
      schema: {
        tags: ['intake'],
        params: z.object({ id: z.coerce.number().int() }),
        response: { 200: submissionResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { submission } = await requireVisibleSubmission({ db, user, submissionId: request.params.id });
      return { submission: presentSubmission(submission, languageOf(request.headers['accept-language'])) };
    },
  );

  api.get(
    '/intake/submissions/:id/rows',
    {
      schema: {
        tags: ['intake'],
        params: z.object({ id: z.coerce.number().int() }),
        querystring: ZPageQuerySchema.extend({ filter: ZRowFilterSchema.default('all') }),
        response: { 200: z.object({ rows: z.array(ZSubmissionRowSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { page, pageSize, filter } = request.query;
      return viewSubmissionRows({
        db,
        user,
        submissionId: request.params.id,
        filter,
        page,
        pageSize,
        language: languageOf(request.headers['accept-language']),
      });
    },
  );

  api.patch(
    '/intake/submissions/:id/rows/:rowNumber',
    {
      schema: {
        tags: ['intake'],
        params: z.object({ id: z.coerce.number().int(), rowNumber: z.coerce.number().int() }),
        body: z.object({ values: z.record(z.string(), z.string().max(CORRECTED_CELL_LIMIT)) }),
        response: { 200: z.object({ row: ZSubmissionRowSchema }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const row = await correctSubmissionRow({
        db,
        user,
        submissionId: request.params.id,
        rowNumber: request.params.rowNumber,
        values: request.body.values,
      });
      return { row: presentRowFor(user, row, languageOf(request.headers['accept-language'])) };
    },
  );

  api.post(
    '/intake/submissions/:id/review',
    {
      schema: {
        tags: ['intake'],
        params: z.object({ id: z.coerce.number().int() }),
        body: ZReviewSchema,
        response: { 200: submissionResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await reviewSubmission({
        db,
        user,
        submissionId: request.params.id,
        decisions: request.body.decisions,
        forwardAllAccepted: request.body.forwardAllAccepted,
      });
      // Read again as the reviewer sees it: an import counted by the rows of their area.
      const { submission } = await requireVisibleSubmission({ db, user, submissionId: request.params.id });
      return { submission: presentSubmission(submission, languageOf(request.headers['accept-language'])) };
    },
  );
}
