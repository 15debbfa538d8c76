import { existsSync } from 'node:fs'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { Logger } from '@millstream/runtime'
import type { FastifyPluginAsync } from 'fastify'
import { notFound } from './api-error.ts'

/** The dashboard's build (services/dashboard, `vite build`), beside this package in the repository. */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/dist', import.meta.url))

/** What the dashboard never answers: the API's own paths keep their JSON 404. */
const API_PATHS = /^\/(v1|docs|openapi\.json)(\/|\?|$)/

/**
 * Serves the built dashboard from the API's port (one origin: no CORS, the session token stays
 * with the page). Hashed assets are cached for a year; any other path without a file extension
 * is a client route of the single-page app and gets index.html (never cached, so a new build
 * shows at once). Public: the page itself holds no data; every call it makes is authenticated.
 */
export const dashboardStatic = (o: { root: string; logger: Logger }): FastifyPluginAsync =>
  async (app) => {
    if (!existsSync(join(o.root, 'index.html'))) {
      o.logger.warn({ root: o.root }, 'dashboard not built (pnpm --filter @millstream/dashboard build): not serving it')
      return
    }
    await app.register(fastifyStatic, { root: o.root, serve: false })
    app.get('/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      const path = (req.params as { '*': string })['*']
      if (API_PATHS.test(req.url)) throw notFound('route')
      if (path.startsWith('assets/')) return reply.sendFile(path, { maxAge: '365d', immutable: true })
      if (extname(path) !== '' && existsSync(join(o.root, path)) && !path.includes('..')) return reply.sendFile(path, { maxAge: '1h' })
      if (extname(path) !== '') throw notFound('file')
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0, cacheControl: false })
    })
  }
