import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseClient } from '../db/database.ts';
import {
  ZCreateUserRequestSchema,
  ZPasswordResetResponseSchema,
  ZUserIdParamsSchema,
  ZUserListResponseSchema,
  ZUserResponseSchema,
  ZUserSummaryResponseSchema,
} from './auth-contracts.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';
import { resetUserPassword } from './reset-user-password.ts';
import { requirePermission } from './session-hook.ts';
import { activateUser, deactivateUser } from './user-activity.ts';

export function registerUserRoutes(api: FastifyInstance, { db }: { db: DatabaseClient }): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get('/users', { schema: { response: { 200: ZUserListResponseSchema } } }, async (request) => {
    const actor = requirePermission(request, 'users.manage');
    return { users: await listUsers({ db, actor }) };
  });

  app.post(
    '/users',
    { schema: { body: ZCreateUserRequestSchema, response: { 201: ZUserResponseSchema } } },
    async (request, reply) => {
      const actor = requirePermission(request, 'users.manage');
      const user = await createUser({ db, actor, input: request.body });
      return reply.status(201).send({ user });
    },
  );

  app.post(
    '/users/:id/deactivate',
    { schema: { params: ZUserIdParamsSchema, response: { 200: ZUserSummaryResponseSchema } } },
    async (request) => {
      const actor = requirePermission(request, 'users.manage');
      return { user: await deactivateUser({ db, actor, userId: request.params.id }) };
    },
  );

  app.post(
    '/users/:id/activate',
    { schema: { params: ZUserIdParamsSchema, response: { 200: ZUserSummaryResponseSchema } } },
    async (request) => {
      const actor = requirePermission(request, 'users.manage');
      return { user: await activateUser({ db, actor, userId: request.params.id }) };
    },
  );

  app.post(
    '/users/:id/password-reset',
    { schema: { params: ZUserIdParamsSchema, response: { 200: ZPasswordResetResponseSchema } } },
    async (request) => {
      const actor = requirePermission(request, 'users.manage');
      return resetUserPassword({ db, actor, user: { id: request.params.id } });
    },
  );
}
