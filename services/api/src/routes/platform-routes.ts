import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorSchema } from '../http/api-error.ts'
import type { Tenancy } from '../http/tenancy.ts'

/**
 * Plants that stopped reporting: no sample accepted in the last `withinMin` minutes (the intake
 * minutes the aggregator writes per device). Covers the plants the caller may see at all, so the
 * platform role gets it for firms that share anything, never another firm's names.
 */
export const platformRoutes = (o: { tenancy: Tenancy; store: Store; now: () => number }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/reporting', {
      schema: {
        tags: ['platform'], summary: 'Each visible plant: samples in the last minutes and whether it stopped reporting',
        querystring: z.object({ withinMin: z.coerce.number().int().min(5).max(1440).default(15) }),
        response: { 200: z.array(z.object({ firm: z.string(), plant: z.string(), samples: z.number(), silent: z.boolean() })), 401: errorSchema },
      },
    }, async (req) => {
      const endMs = Math.floor(o.now() / 60_000) * 60_000
      const range = { startMs: endMs - req.query.withinMin * 60_000, endMs }
      const plants = o.tenancy.visible(req).flatMap((f) => f.plants.map((p) => ({ firm: f.id, plant: p.id, timeZone: p.timeZone })))
      return Promise.all(plants.map(async (p) => {
        const rows = await o.store.intake({ ...p, range })
        const samples = rows.reduce((n, r) => n + r.values.samples, 0)
        return { firm: p.firm, plant: p.plant, samples, silent: samples === 0 }
      }))
    })
  }
