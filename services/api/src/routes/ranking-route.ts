import { SCORE_PERIODS } from '@millstream/contract'
import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ApiError, errorSchema } from '../http/api-error.ts'
import type { Tenancy } from '../http/tenancy.ts'
import { rankPlants } from '../platform/ranking.ts'
import { limitExceeded } from '../range/report-windows.ts'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
const scored = z.object({ score: z.number().nullable(), level: z.string().nullable(), rank: z.number().nullable(), percentile: z.number().nullable(), clusterPercentile: z.number().nullable() })
const rollup = z.object({ score: z.number().nullable(), plants: z.number(), plantsWithoutData: z.number() })
const rankingSchema = z.object({
  period: z.enum(SCORE_PERIODS), from: z.string(), to: z.string(),
  plants: z.array(z.object({
    firm: z.string(), plant: z.string(), cluster: z.string().nullable(), periodStart: z.string(), digitalization: scored, energy: scored,
    gates: z.object({ completeness: z.number().nullable(), meetsMonitoringRule: z.boolean(), machinesConnected: z.number(), machinesRegistered: z.number(), withheld: z.array(z.string()) }),
  })),
  firms: z.array(z.object({ firm: z.string(), digitalization: rollup, energy: rollup })),
  clusters: z.array(z.object({ cluster: z.string(), digitalization: rollup, energy: rollup })),
})
const HOUR_MS = 3_600_000

/**
 * The platform's comparison (对标): every plant whose scores the caller may read (for the platform
 * role, firms that share scores), its latest record of the period whose local start date falls in
 * [from, to], ranked, with percentiles, firm and cluster roll-ups and the data-quality gates.
 */
export const rankingRoute = (o: { store: Store; tenancy: Tenancy }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/platform/ranking', {
      schema: {
        tags: ['platform'], summary: 'Plants ranked by digitalization and energy score, percentiles overall and in the cluster, firm and cluster roll-ups, data-quality gates',
        querystring: z.object({ from: date, to: date, period: z.enum(SCORE_PERIODS).default('day') }),
        response: { 200: rankingSchema, 400: errorSchema, 401: errorSchema },
      },
    }, async (req) => {
      const { from, to, period } = req.query
      // Period starts are local dates; plants' zones lie within ±14 h of UTC.
      const range = { startMs: Date.parse(`${from}T00:00:00Z`) - 14 * HOUR_MS, endMs: Date.parse(`${to}T00:00:00Z`) + 38 * HOUR_MS }
      if (!(range.endMs > range.startMs + 28 * HOUR_MS)) throw new ApiError(400, 'bad_request', 'query.to: must not be before from')
      if (range.endMs - range.startMs > 93 * 24 * HOUR_MS) throw limitExceeded('query: at most 92 days per ranking')
      const readable = new Set(o.tenancy.readable(req, 'scores').map((p) => `${p.firm.id}/${p.plant.id}`))
      const latest = new Map<string, Awaited<ReturnType<Store['scoreRecords']>>[number]>()
      if (readable.size > 0) {
        for (const r of await o.store.scoreRecords({ period, range })) {
          const day = r.periodStart.slice(0, 10)
          if (!readable.has(`${r.firm}/${r.plant}`) || day < from || day > to) continue
          latest.set(`${r.firm}/${r.plant}`, r)
        }
      }
      return { period, from, to, ...rankPlants([...latest.values()]) }
    })
  }
