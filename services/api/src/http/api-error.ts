import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { z } from 'zod'

export const errorSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'Error' })

/** An expected refusal: its status, code and message go to the client as they are. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const forbidden = () => new ApiError(403, 'forbidden', 'not allowed for this identity')
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`)

/**
 * Every error is JSON {code, message}: validation names the field, anything unexpected is a
 * plain "internal" (logged with its stack, never sent: OWASP ASVS 7.4.1).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ApiError) return reply.status(err.statusCode).send({ code: err.code, message: err.message })
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0]
      const where = first ? `${err.validationContext ?? 'request'}${first.instancePath.replaceAll('/', '.')}` : 'request'
      return reply.status(400).send({ code: 'bad_request', message: `${where}: ${first?.message ?? 'invalid'}` })
    }
    if (err.statusCode === 429) return reply.status(429).send({ code: 'rate_limited', message: 'too many requests; retry later' })
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.status(err.statusCode).send({ code: 'bad_request', message: err.message.split('\n')[0] ?? 'bad request' })
    req.log.error({ err }, 'request failed')
    const retriable = (err as { retriable?: boolean }).retriable === true
    return reply.status(retriable ? 503 : 500).send({ code: retriable ? 'unavailable' : 'internal', message: retriable ? 'a backing service is unavailable; retry later' : 'internal error' })
  })
  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ code: 'not_found', message: 'no such route' }))
}
