import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorSchema, notFound } from '../http/api-error.ts'
import type { Tenancy } from '../http/tenancy.ts'
import type { LiveEvent, LiveHub } from '../live/live-hub.ts'
import { plantParams } from './registry-routes.ts'

export interface LiveRouteOptions {
  tenancy: Tenancy
  hub: LiveHub
  heartbeatMs: number
  /** Bytes a client may leave unread before it is dropped (bounded memory per slow client). */
  maxPendingBytes: number
  onDrop?: () => void
}

const frame = (e: LiveEvent) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ line: e.line, device: e.device, ...e.data })}\n\n`

/**
 * Server-sent events (WHATWG HTML §9.2): first a `snapshot` of every machine (state or `no_data`),
 * then `state` and `minute` events. A client that reconnects with Last-Event-ID gets what it
 * missed from the buffer, or a fresh snapshot when the buffer no longer reaches back that far.
 */
export const liveRoutes = (o: LiveRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/live', {
      schema: {
        tags: ['live'], summary: 'Live state and running minute of every machine (text/event-stream)', params: plantParams,
        querystring: z.object({ line: z.string().min(1).max(64).optional() }),
        headers: z.object({ 'last-event-id': z.string().regex(/^\d+$/).optional() }),
        response: { 200: z.string().describe('text/event-stream: snapshot, state, minute events; comment heartbeats'), 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (req, reply) => {
      const { firm, plant } = o.tenancy.plant(req, req.params.firm, req.params.plant, 'telemetry')
      const lines = plant.lines.filter((l) => !req.query.line || l.id === req.query.line)
      if (lines.length === 0) throw notFound('line')
      const machines = lines.flatMap((l) => l.machines.map((m) => ({ line: l.id, device: m.id })))
      reply.hijack()
      const res = reply.raw
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' })
      let closed = false
      const write = (text: string) => {
        if (closed) return
        if (res.writableLength > o.maxPendingBytes) {
          // Too far behind: drop it rather than buffer without bound; it may reconnect and resume.
          closed = true
          o.onDrop?.()
          res.destroy()
          return
        }
        res.write(text)
      }
      const lastId = req.headers['last-event-id'] === undefined ? undefined : Number(req.headers['last-event-id'])
      const missed = lastId === undefined ? undefined : o.hub.since(firm.id, plant.id, lastId, req.query.line)
      write('retry: 2000\n\n')
      if (missed) for (const e of missed) write(frame(e))
      else write(`id: ${o.hub.lastId}\nevent: snapshot\ndata: ${JSON.stringify({ machines: o.hub.snapshot(firm.id, plant.id, machines) })}\n\n`)
      const unsubscribe = o.hub.subscribe(firm.id, plant.id, req.query.line, (e) => write(frame(e)))
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), o.heartbeatMs)
      res.on('close', () => {
        closed = true
        clearInterval(heartbeat)
        unsubscribe()
      })
    })
  }
