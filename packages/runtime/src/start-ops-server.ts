import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import { AppError } from './app-error.ts'
import type { MetricsRegistry } from './metrics/metrics-registry.ts'
import { findFailingChecks } from './readiness.ts'
import type { ReadinessCheck } from './readiness.ts'

export interface OpsServerOptions {
  /** 0 asks the OS for a free port; the returned `port` says which. */
  port: number
  host?: string
  logger: Logger
  metrics: MetricsRegistry
  readiness?: Readonly<Record<string, ReadinessCheck>>
  readinessTimeoutMs?: number
}

export interface OpsServer {
  port: number
  stop(): Promise<void>
}

type Route = (res: ServerResponse) => Promise<void> | void

/** The health, readiness and metrics endpoints of a service (docs/operations.md). */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const { port, host = '127.0.0.1', metrics, readiness = {}, readinessTimeoutMs } = options
  const logger = options.logger.child({ component: 'ops-server' })
  const routes = new Map<string, Route>([
    ['/healthz', (res) => sendJson(res, 200, { status: 'ok' })],
    [
      '/readyz',
      async (res) => {
        const failing = await findFailingChecks(readiness, readinessTimeoutMs)
        if (failing.length === 0) sendJson(res, 200, { status: 'ready', checks: Object.keys(readiness) })
        else sendJson(res, 503, { status: 'not_ready', failing })
      },
    ],
    ['/metrics', async (res) => send(res, 200, metrics.contentType, await metrics.render())],
  ])

  const server = createServer((req, res) => {
    handle(routes, req, res).catch((err: unknown) => {
      logger.error({ err, path: req.url }, 'ops request failed')
      if (!res.headersSent) sendJson(res, 500, { status: 'error' })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(new AppError(`ops server cannot listen on ${host}:${port}`, { code: 'ops_listen_failed', retriable: false, cause: err })))
    server.listen(port, host, resolve)
  })
  const boundPort = (server.address() as AddressInfo).port
  logger.info({ host, port: boundPort }, 'ops server listening')

  let stopping: Promise<void> | undefined
  return {
    port: boundPort,
    stop: () => {
      stopping ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        // A scraper's keep-alive connection would hold close() open until it times out.
        server.closeIdleConnections()
      })
      return stopping
    },
  }
}

async function handle(routes: ReadonlyMap<string, Route>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/'
  const route = routes.get(path)
  if (route === undefined) return sendJson(res, 404, { status: 'not_found' })
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    return sendJson(res, 405, { status: 'method_not_allowed' })
  }
  await route(res)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body))
}

/** Node leaves the body out of HEAD responses by itself. */
function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' })
  res.end(body)
}
