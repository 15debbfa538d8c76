import { localDays, type PlantRange, type Store, type StoreRow } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { DataClass } from '../auth/principal.ts'
import { ApiError, errorSchema } from '../http/api-error.ts'
import type { Tenancy } from '../http/tenancy.ts'
import { plantParams } from './registry-routes.ts'
import { sendAnswer } from '../http/table-export.ts'
import { energySummaryRoute } from './energy-summary-route.ts'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD (a local date of the plant)')
const id = z.string().min(1).max(64)
export const rangeQuery = z.object({
  from: date.describe('First local day (plant time zone), inclusive'),
  to: date.describe('Last local day, inclusive'),
  line: id.optional(),
  /** Rows per local day, or one row for the range. */
  granularity: z.enum(['range', 'day']).default('range'),
  /** The same table as JSON, CSV or XLSX: same numbers, units in the header. */
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
})
const machineQuery = rangeQuery.extend({ machine: id.optional(), by: z.enum(['plant', 'line', 'machine']).default('plant') })
const rowSchema = z.object({ group: z.record(z.string(), z.string()), from: z.string(), to: z.string(), values: z.record(z.string(), z.unknown()) })
const answer = z.object({ unit: z.record(z.string(), z.string()), rows: z.array(rowSchema) })
export const answerResponses = { 200: answer, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema }

/** The plant a request may read and the store query of its range (local days, limits). */
export type PlantRangeOf = (req: FastifyRequest, params: { firm: string; plant: string }, q: z.infer<typeof rangeQuery>, dataClass: DataClass) => { plant: { id: string }; q: PlantRange }

export interface DataRouteOptions {
  tenancy: Tenancy
  store: Store
  maxRangeDays: number
}

const toWire = (rows: StoreRow<object>[]) => rows.map((r) => ({ group: r.group, from: new Date(r.window.startMs).toISOString(), to: new Date(r.window.endMs).toISOString(), values: r.values as Record<string, unknown> }))

/** Efficiency, stops, energy and data quality of one plant, read through @millstream/store. */
export const dataRoutes = ({ tenancy, store, maxRangeDays }: DataRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    /** The plant (checked for the caller) and the store query of a request: local days, limits. */
    const plantRange = (req: FastifyRequest, params: { firm: string; plant: string }, q: z.infer<typeof rangeQuery>, dataClass: DataClass) => {
      const { firm, plant } = tenancy.plant(req, params.firm, params.plant, dataClass)
      if (q.line && !plant.lines.some((l) => l.id === q.line)) throw new ApiError(404, 'not_found', 'line not found')
      const range = localDays(q.from, q.to, plant.timeZone)
      const days = (range.endMs - range.startMs) / 86_400_000
      if (!(days > 0)) throw new ApiError(400, 'bad_request', 'query.to: must not be before from')
      if (days > maxRangeDays + 1) throw new ApiError(400, 'bad_request', `query: at most ${maxRangeDays} days per request`)
      return { plant, q: { firm: firm.id, plant: plant.id, timeZone: plant.timeZone, range, ...(q.line ? { line: q.line } : {}), ...(q.granularity === 'day' ? { every: 'day' as const } : {}) } }
    }
    const by = (b: 'plant' | 'line' | 'machine') => (b === 'plant' ? [] : b === 'line' ? (['line'] as const) : (['line', 'machine'] as const))
    const base = '/v1/firms/:firm/plants/:plant'

    app.get(`${base}/efficiency`, {
      schema: { tags: ['efficiency'], summary: 'ISO 22400-2 elements and OEE, availability, effectiveness, quality by plant, line or machine', params: plantParams, querystring: machineQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q } = plantRange(req, req.params, req.query, 'telemetry')
      const rows = await store.efficiency({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: by(req.query.by) })
      return sendAnswer(reply, req.query.format, 'efficiency', { unit: { elements: 'ms', kpis: 'ratio 0..1' }, rows: toWire(rows) })
    })

    app.get(`${base}/stops`, {
      schema: { tags: ['efficiency'], summary: 'Stops by reason code (Pareto: sorted by down time) with counts and durations', params: plantParams, querystring: machineQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q } = plantRange(req, req.params, req.query, 'telemetry')
      const rows = await store.stopsByReason({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: by(req.query.by) })
      return sendAnswer(reply, req.query.format, 'stops', { unit: { downS: 's', count: 'stops' }, rows: toWire(rows.sort((a, b) => b.values.downS - a.values.downS)) })
    })

    app.get(`${base}/state-time`, {
      schema: { tags: ['efficiency'], summary: 'Seconds in each machine state, unknown kept apart', params: plantParams, querystring: machineQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q } = plantRange(req, req.params, req.query, 'telemetry')
      return sendAnswer(reply, req.query.format, 'state-time', { unit: { '*': 's' }, rows: toWire(await store.stateTime({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: by(req.query.by) })) })
    })

    app.get(`${base}/energy/machines`, {
      schema: { tags: ['energy'], summary: "Machines' own meters per medium: total, idle and off-shift", params: plantParams, querystring: machineQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q } = plantRange(req, req.params, req.query, 'energy')
      return sendAnswer(reply, req.query.format, 'machine-energy', { unit: { electricity: 'kWh', steam: 't', water: 'm3', gas: 'Nm3' }, rows: toWire(await store.machineEnergy({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: by(req.query.by) })) })
    })

    app.get(`${base}/energy/meters`, {
      schema: { tags: ['energy'], summary: 'Registry meters (plant and line incomers) per medium and meter', params: plantParams, querystring: rangeQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q } = plantRange(req, req.params, req.query, 'energy')
      return sendAnswer(reply, req.query.format, 'meter-energy', { unit: { electricity: 'kWh', steam: 't', water: 'm3', gas: 'Nm3' }, rows: toWire(await store.meterEnergy({ ...q, by: ['scope', 'meter'] })) })
    })

    app.get(`${base}/energy/totals`, {
      schema: { tags: ['energy'], summary: "The plant's incomers per medium: what a firm shares with the platform", params: plantParams, querystring: rangeQuery.omit({ line: true }), response: answerResponses },
    }, async (req, reply) => {
      const { q } = plantRange(req, req.params, req.query, 'energy_totals')
      return sendAnswer(reply, req.query.format, 'energy-totals', { unit: { electricity: 'kWh', steam: 't', water: 'm3', gas: 'Nm3' }, rows: toWire(await store.meterEnergy({ ...q, scope: 'plant' })) })
    })

    app.get(`${base}/data-quality`, {
      schema: { tags: ['data-quality'], summary: 'Per device intake: samples, late, duplicate, too late, excluded discontinuities', params: plantParams, querystring: rangeQuery.extend({ device: id.optional() }), response: answerResponses },
    }, async (req, reply) => {
      const { q } = plantRange(req, req.params, req.query, 'telemetry')
      return sendAnswer(reply, req.query.format, 'data-quality', { unit: { '*': 'samples' }, rows: toWire(await store.intake({ ...q, ...(req.query.device ? { device: req.query.device } : {}), by: ['line', 'device', 'kind'] })) })
    })
    await app.register(energySummaryRoute({ tenancy, store, plantRange }))
  }
