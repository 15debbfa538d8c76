import { localDays, type PlantRange, type Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { dayPoints, enpiRows } from '../energy/enpi-rows.ts'
import { ApiError } from '../http/api-error.ts'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, rangeQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { limitExceeded } from '../range/report-windows.ts'
import { plantParams } from './registry-routes.ts'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD (a local date of the plant)')
const DAY_MS = 86_400_000
/** Days of baseline one request may fit on, and current days it may compare (each day is its own queries). */
const MAX_BASELINE_DAYS = 366
const MAX_CURRENT_DAYS = 92

/**
 * EnPI against a baseline (ISO 50006): a linear model energy = a + b × output fitted on the baseline
 * days, each day of the range compared with it. Days, because the intercept is energy per day.
 */
export const enpiRoute = (o: { store: Store; plantRange: PlantRangeOf }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/energy/enpi', {
      schema: {
        tags: ['energy'], summary: 'Energy performance per local day against a linear baseline of incomer standard coal on standard hours of output (ISO 50006)',
        params: plantParams,
        querystring: rangeQuery.omit({ line: true, granularity: true }).extend({
          baselineFrom: date.optional().describe('First baseline day; default 28 days before from'),
          baselineTo: date.optional().describe('Last baseline day; default the day before from'),
        }),
        response: answerResponses,
      },
    }, async (req, reply) => {
      const { plant, q, toWire } = o.plantRange(req, req.params, { ...req.query, granularity: 'day' }, 'energy')
      const baselineTo = req.query.baselineTo ?? new Date(Date.parse(`${req.query.from}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10)
      const baselineFrom = req.query.baselineFrom ?? new Date(Date.parse(`${baselineTo}T00:00:00Z`) - 27 * DAY_MS).toISOString().slice(0, 10)
      const baseline = localDays(baselineFrom, baselineTo, plant.timeZone)
      if (!(baseline.endMs > baseline.startMs)) throw new ApiError(400, 'bad_request', 'query.baselineTo: must not be before baselineFrom')
      if ((baseline.endMs - baseline.startMs) / DAY_MS > MAX_BASELINE_DAYS + 1) throw limitExceeded(`query: at most ${MAX_BASELINE_DAYS} baseline days`)
      if ((q.range.endMs - q.range.startMs) / DAY_MS > MAX_CURRENT_DAYS + 1) throw limitExceeded(`query: EnPI compares at most ${MAX_CURRENT_DAYS} days per request`)
      const days = async (p: PlantRange) => {
        const daily = { firm: p.firm, plant: p.plant, timeZone: p.timeZone, range: p.range, every: 'day' as const }
        const [incomers, output] = await Promise.all([o.store.meterEnergy({ ...daily, scope: 'plant' }), o.store.production(daily)])
        return dayPoints(incomers, output)
      }
      const [before, now] = await Promise.all([days({ ...q, range: baseline }), days(q)])
      return sendAnswer(reply, req.query.format, 'enpi', {
        unit: { energyKgce: 'kgce (当量值)', outputStandardH: 'standard hours', performance: 'kgce; index and improvementShare ratio', baseline: 'kgce = interceptA + slopeB × standard hours' },
        rows: toWire(enpiRows(before, now)),
      })
    })
  }
