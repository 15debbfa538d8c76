import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Principal } from '../auth/principal.ts'
import type { UserStore } from '../auth/user-store.ts'
import { ApiError } from './api-error.ts'

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
  }
}
declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: Principal
    user: Principal
  }
}

const unauthorized = () => new ApiError(401, 'unauthorized', 'sign in or present an API key')

/**
 * Bearer credentials: an API key (msk_…) for platform machines, else a session JWT from sign-in.
 * Routes flagged `config.public` skip it (sign-in, the OpenAPI document).
 */
export function installAuthentication(app: FastifyInstance, users: UserStore, now: () => number): void {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if ((req.routeOptions.config as { public?: boolean }).public || !req.routeOptions.url || req.url.startsWith('/docs')) return
    const header = req.headers.authorization ?? ''
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : ''
    if (!token) throw unauthorized()
    if (token.startsWith('msk_')) {
      req.principal = users.verifyApiKey(token, now())
      if (!req.principal) throw unauthorized()
      return
    }
    try {
      const { subject, role, firms, plants } = await req.jwtVerify<Principal>()
      req.principal = { subject, role, firms, plants }
    } catch {
      throw unauthorized()
    }
  })
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized()
  return req.principal
}
