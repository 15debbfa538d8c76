import { ENERGY_MEDIUM_NAMES } from '@millstream/contract'
import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, idQuery, rangeQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { limitExceeded } from '../range/report-windows.ts'
import { plantParams } from './registry-routes.ts'

/** Bucket lengths a chart gets (minutes): divisors of an hour, then whole hours up to a day. */
const BUCKETS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440]
/** Minute points one series may read: a month. */
const MAX_SERIES_DAYS = 31

/** The smallest listed bucket that keeps the series within `points` buckets. */
export function bucketMinutes(rangeMin: number, points: number): number {
  return BUCKETS_MIN.find((b) => Math.ceil(rangeMin / b) <= points) ?? (BUCKETS_MIN.at(-1) as number)
}

/** Chart series of the meters: per bucket the least and most consumed minute (min/max downsampling). */
export const seriesRoute = (o: { store: Store; plantRange: PlantRangeOf }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/energy/series', {
      schema: {
        tags: ['energy'], summary: "Each meter's minute consumption for a chart: min and max per bucket, at most `points` buckets",
        params: plantParams,
        querystring: rangeQuery.pick({ from: true, to: true, format: true }).extend({
          medium: z.enum(ENERGY_MEDIUM_NAMES).default('electricity'), meter: idQuery.optional(),
          points: z.coerce.number().int().min(10).max(2000).default(500).describe('Most buckets per meter'),
        }),
        response: answerResponses,
      },
    }, async (req, reply) => {
      const { q, toWire } = o.plantRange(req, req.params, { ...req.query, granularity: 'range' }, 'energy')
      const rangeMin = (q.range.endMs - q.range.startMs) / 60_000
      if (rangeMin > MAX_SERIES_DAYS * 1440 + 60) throw limitExceeded(`query: a series reads minutes, at most ${MAX_SERIES_DAYS} days per request`)
      const bucketMin = bucketMinutes(rangeMin, req.query.points)
      const series = await o.store.meterSeries({ firm: q.firm, plant: q.plant, range: q.range, medium: req.query.medium, bucketMin, ...(req.query.meter ? { meter: req.query.meter } : {}) })
      const rows = [...series].flatMap(([meter, buckets]) => buckets.map((b) => ({ group: { meter }, window: { startMs: b.startMs, endMs: Math.min(b.startMs + bucketMin * 60_000, q.range.endMs) }, values: { min: b.min, max: b.max } })))
      return sendAnswer(reply, req.query.format, 'series', { unit: { min: `${req.query.medium} per minute (kWh, t, m3, Nm3)`, max: `${req.query.medium} per minute` }, rows: toWire(rows) })
    })
  }
