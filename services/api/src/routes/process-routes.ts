import { GAUGE_NAME_PATTERN } from '@millstream/contract'
import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, idQuery, rangeQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { limitExceeded } from '../range/report-windows.ts'
import { plantParams } from './registry-routes.ts'
import { bucketMinutes } from './series-route.ts'

/** Days one process request may read: a quarter, read from the hourly points beyond two days. */
const MAX_PROCESS_DAYS = 92
/** Buckets of at most this many minutes read minutes; longer ones read hours (whole hours: the bucket list is). */
const MINUTE_BUCKETS_UP_TO = 30
/** Most events one answer lists; narrow the range, device or gauge for more. */
const MAX_EVENTS = 5000

const processQuery = rangeQuery.pick({ from: true, to: true, line: true, format: true }).extend({
  device: idQuery.optional().describe('One machine or sensor'),
  gauge: z.string().regex(GAUGE_NAME_PATTERN).optional().describe('One gauge, e.g. humidity'),
})

/**
 * Process gauges (issue 16, docs/process-gauges.md): each gauge's min, mean and max per bucket,
 * and the readings that fell outside the gauge's plausible range. Telemetry: a firm's own plants only.
 */
export const processRoutes = (o: { store: Store; plantRange: PlantRangeOf }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/process/series', {
      schema: {
        tags: ['process'], summary: "Each process gauge's lowest, mean and highest reading per bucket (at most `points` buckets per gauge)",
        params: plantParams,
        querystring: processQuery.extend({ points: z.coerce.number().int().min(10).max(2000).default(500).describe('Most buckets per gauge') }),
        response: answerResponses,
      },
    }, async (req, reply) => {
      const { q, toWire } = o.plantRange(req, req.params, { ...req.query, granularity: 'range' }, 'telemetry')
      const rangeMin = (q.range.endMs - q.range.startMs) / 60_000
      if (rangeMin > MAX_PROCESS_DAYS * 1440 + 60) throw limitExceeded(`query: at most ${MAX_PROCESS_DAYS} days per request`)
      const chosen = bucketMinutes(rangeMin, req.query.points)
      const bucketMin = chosen <= MINUTE_BUCKETS_UP_TO ? chosen : Math.max(60, chosen)
      const series = await o.store.processSeries({ ...narrow(q, req.query), bucketMs: bucketMin * 60_000 })
      const rows = [...series.values()].flatMap(({ gauge, buckets }) => buckets.map((b) => ({
        group: { line: gauge.line, device: gauge.device, kind: gauge.kind, gauge: gauge.gauge, unit: gauge.unit },
        window: { startMs: b.startMs, endMs: Math.min(b.startMs + bucketMin * 60_000, q.range.endMs) },
        values: { min: b.min, mean: b.mean, max: b.max, count: b.count, out_of_range: b.outOfRange },
      })))
      return sendAnswer(reply, req.query.format, 'process-series', {
        unit: { min: 'unit column', mean: 'unit column, mean of the readings', max: 'unit column', count: 'readings', out_of_range: 'readings outside the plausible range' },
        rows: toWire(rows),
      })
    })

    app.get('/v1/firms/:firm/plants/:plant/process/events', {
      schema: {
        tags: ['process'], summary: 'Process readings outside their gauge’s plausible range (data-quality events), oldest first',
        params: plantParams,
        querystring: processQuery,
        response: answerResponses,
      },
    }, async (req, reply) => {
      const { q, toWire } = o.plantRange(req, req.params, { ...req.query, granularity: 'range' }, 'telemetry')
      const events = await o.store.processEvents({ ...narrow(q, req.query), limit: MAX_EVENTS + 1 })
      if (events.length > MAX_EVENTS) throw limitExceeded(`query: more than ${MAX_EVENTS} events; narrow the range, device or gauge`)
      const rows = events.map((e) => ({
        group: { line: e.line, device: e.device, kind: e.kind, gauge: e.gauge, unit: e.unit },
        window: { startMs: e.tsMs, endMs: e.tsMs + 1000 },
        values: { value: e.value, min: e.min, max: e.max },
      }))
      return sendAnswer(reply, req.query.format, 'process-events', { unit: { value: 'unit column', min: 'plausible minimum', max: 'plausible maximum' }, rows: toWire(rows) })
    })
  }

function narrow(q: { firm: string; plant: string; range: { startMs: number; endMs: number }; line?: string }, query: { device?: string | undefined; gauge?: string | undefined }) {
  return {
    firm: q.firm, plant: q.plant, range: q.range,
    ...(q.line === undefined ? {} : { line: q.line }),
    ...(query.device === undefined ? {} : { device: query.device }),
    ...(query.gauge === undefined ? {} : { gauge: query.gauge }),
  }
}
