import {
  loginBodySchema,
  meSchema,
  passwordChangeBodySchema,
  registerBodySchema,
  registerResponseSchema,
  registerStartBodySchema,
  registerStartResponseSchema,
} from '@tongban/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/context.ts';
import { SESSION_COOKIE } from '../../../platform/http/access.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { getMe, registerUser, startRegistration } from '../use-cases/accounts.ts';
import { changePassword, login, logout } from '../use-cases/login.ts';
import { DEVICE_COOKIE } from '../use-cases/login-throttle.ts';
import { cookieMaxAgeSeconds, loadActor } from '../use-cases/sessions.ts';
import { authRateLimit } from './rate-limit.ts';

/** The CSRF plugin's secret cookie (@fastify/csrf-protection's default `cookieKey`). */
const CSRF_SECRET_COOKIE = '_csrf';

/**
 * A new CSRF secret (cookie) whenever the session changes hands — at login and at logout — so a
 * token learnt or planted before (session fixation's CSRF twin) is worthless afterwards. The
 * client fetches a fresh token from `GET /auth/csrf` (the web client does so on its first refusal).
 */
function rotateCsrfSecret(request: FastifyRequest, reply: FastifyReply): void {
  request.cookies[CSRF_SECRET_COOKIE] = '';
  reply.generateCsrf();
}

export function registerAuthRoutes(app: FastifyInstance, platform: Platform) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = platform;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: config.COOKIE_SECURE } as const;

  r.post(
    '/auth/register/start',
    {
      config: { access: 'public', rateLimit: authRateLimit(config) },
      schema: {
        tags: ['auth'],
        summary:
          '实名注册第一步 Start registration: a code goes by SMS to the mobile the population registry holds (same answer whatever matched)',
        body: registerStartBodySchema,
        response: { 202: registerStartResponseSchema },
      },
    },
    async (request, reply) => reply.status(202).send(await startRegistration(ctxOf(platform, request), request.body)),
  );

  r.post(
    '/auth/register',
    {
      config: { access: 'public', rateLimit: authRateLimit(config) },
      schema: {
        tags: ['auth'],
        summary: '实名注册第二步 Register a citizen account with the code sent to the registry mobile',
        body: registerBodySchema,
        response: { 201: registerResponseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await registerUser(ctxOf(platform, request), request.body)),
  );

  r.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: authRateLimit(config) },
      schema: {
        tags: ['auth'],
        summary: '登录 Log in (citizens: ID number or mobile; staff: username); sets the session cookie',
        body: loginBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(platform, request);
      const result = await login(
        ctx,
        request.body,
        request.cookies[SESSION_COOKIE],
        request.headers['user-agent'],
        request.cookies[DEVICE_COOKIE],
      );
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, maxAge: cookieMaxAgeSeconds(config) });
      // Only the login route reads it: a known device's right password passes the back-off.
      reply.setCookie(DEVICE_COOKIE, result.deviceToken, {
        ...cookieOptions,
        path: '/api/v1/auth',
        maxAge: config.LOGIN_DEVICE_DAYS * 86_400,
      });
      rotateCsrfSecret(request, reply);
      const actor = await loadActor(platform.db, result.principal, result.sessionId, platform.clock.now());
      return getMe({ ...ctx, actor: actor ?? ctx.actor });
    },
  );

  r.post(
    '/auth/logout',
    {
      // Public so that logging out always works and always clears the cookie, even with an expired session.
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: '退出登录 Log out (ends the session)' },
    },
    async (request, reply) => {
      await logout(ctxOf(platform, request), request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      rotateCsrfSecret(request, reply);
      return reply.status(204).send();
    },
  );

  r.post(
    '/auth/password',
    {
      config: { access: 'authenticated', rateLimit: authRateLimit(config) },
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change your password (ends your other sessions)',
        body: passwordChangeBodySchema,
        response: { 200: z.object({ endedSessions: z.number().int() }) },
      },
    },
    async (request) => changePassword(ctxOf(platform, request), request.body),
  );

  // For the web app's first load: a visitor who is not signed in is an answer (`me: null`), not a
  // 401 that every browser logs as an error on every public page.
  r.get(
    '/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '当前会话 The signed-in account, or null',
        response: { 200: z.object({ me: meSchema.nullable() }) },
      },
    },
    async (request) => ({ me: request.actor.kind === 'anonymous' ? null : await getMe(ctxOf(platform, request)) }),
  );

  r.get(
    '/auth/me',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: '当前用户 Who am I', response: { 200: meSchema } } },
    async (request) => getMe(ctxOf(platform, request)),
  );
}
