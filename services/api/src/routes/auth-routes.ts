import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { plantRefSchema, ROLES } from '../auth/principal.ts'
import type { UserStore } from '../auth/user-store.ts'
import { ApiError, errorSchema } from '../http/api-error.ts'
import { principalOf } from '../http/authenticate.ts'

const meSchema = z.object({ subject: z.string(), role: z.enum(ROLES), firms: z.array(z.string()), plants: z.array(plantRefSchema), scopes: z.array(z.string()).optional() })

export const authRoutes = (opts: { users: UserStore; sessionTtlMs: number; signInPerMinute: number }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/v1/auth/sign-in', {
      // Per client address (OWASP Authentication Cheat Sheet: throttle password guessing).
      config: { public: true, rateLimit: { max: opts.signInPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with name and password; returns a short-lived session token (JWT, HS256)',
        body: z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
        response: { 200: z.object({ token: z.string(), expiresInS: z.number() }), 401: errorSchema, 429: errorSchema },
      },
    }, async (req) => {
      const principal = await opts.users.signIn(req.body.name, req.body.password)
      if (!principal) throw new ApiError(401, 'unauthorized', 'wrong name or password')
      const expiresInS = Math.floor(opts.sessionTtlMs / 1000)
      return { token: app.jwt.sign({ ...principal }, { expiresIn: expiresInS }), expiresInS }
    })
    app.get('/v1/me', {
      schema: { tags: ['auth'], summary: 'Who the caller is, with role and tenancy', response: { 200: meSchema, 401: errorSchema } },
    }, async (req) => {
      const p = principalOf(req)
      return { subject: p.subject, role: p.role, firms: [...p.firms], plants: [...p.plants], ...(p.scopes ? { scopes: [...p.scopes] } : {}) }
    })
  }
