import type { Firm, Plant } from '@millstream/contract'
import { localDays, type PlantRange, type StoreRow } from '@millstream/store'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { DataClass } from '../auth/principal.ts'
import { ApiError, errorSchema } from '../http/api-error.ts'
import type { Tenancy } from '../http/tenancy.ts'
import { GRANULARITIES, reportWindowsOf, type RangeLimits } from './report-windows.ts'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD (a local date of the plant)')
export const idQuery = z.string().min(1).max(64)
export const rangeQuery = z.object({
  from: date.describe('First local day (plant time zone), inclusive'),
  to: date.describe('Last local day, inclusive'),
  line: idQuery.optional(),
  granularity: z.enum(GRANULARITIES).default('range').describe('Rows per local minute, hour, shift, day or month, one row for the range, or auto (hours up to 2 days, days up to 92, months beyond)'),
  /** The same table as JSON, CSV or XLSX: same numbers, units in the header. */
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
})
export type RangeQuery = z.infer<typeof rangeQuery>
export const machineQuery = rangeQuery.extend({ machine: idQuery.optional(), by: z.enum(['plant', 'line', 'machine']).default('plant') })
export type MachineQueryParams = z.infer<typeof machineQuery>

const rowSchema = z.object({ group: z.record(z.string(), z.string()), from: z.string(), to: z.string(), values: z.record(z.string(), z.unknown()) })
export const answerSchema = z.object({ unit: z.record(z.string(), z.string()), rows: z.array(rowSchema) })
export const answerResponses = { 200: answerSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema }

export interface PlantRequest {
  firm: Firm
  plant: Plant
  /** The store query: plant, time zone, local-day range, line, report windows. */
  q: PlantRange
  /** Rows of the store as JSON rows, with the window's labels (shift, date) among the group columns. */
  toWire(rows: StoreRow<object>[]): z.infer<typeof rowSchema>[]
}

/** Rows an answer grouped `by` has per window, for the point limit. */
export function groupsOf(plant: Plant, q: { line?: string | undefined; machine?: string | undefined; by?: 'plant' | 'line' | 'machine' }): number {
  if (q.by === undefined || q.by === 'plant' || q.machine) return 1
  const lines = plant.lines.filter((l) => !q.line || l.id === q.line)
  return q.by === 'line' ? lines.length : lines.reduce((n, l) => n + l.machines.length, 0)
}

/**
 * The plant a request may read (tenancy first: another tenant's ids are 403 whether they exist or
 * not) and its store query: whole local days of the plant, report windows, limits.
 */
export function createPlantRangeOf(tenancy: Tenancy, limits: RangeLimits) {
  return (req: FastifyRequest, params: { firm: string; plant: string }, query: RangeQuery & { machine?: string | undefined; by?: 'plant' | 'line' | 'machine' }, dataClass: DataClass): PlantRequest => {
    const { firm, plant } = tenancy.plant(req, params.firm, params.plant, dataClass)
    if (query.line && !plant.lines.some((l) => l.id === query.line)) throw new ApiError(404, 'not_found', 'line not found')
    const range = localDays(query.from, query.to, plant.timeZone)
    if (!(range.endMs > range.startMs)) throw new ApiError(400, 'bad_request', 'query.to: must not be before from')
    const w = reportWindowsOf({ plant, range, granularity: query.granularity, groups: groupsOf(plant, query), limits })
    const q: PlantRange = {
      firm: firm.id, plant: plant.id, timeZone: plant.timeZone, range,
      ...(query.line ? { line: query.line } : {}),
      ...(w.windows ? { windows: w.windows } : {}),
      ...(w.windowUnit ? { windowUnit: w.windowUnit } : {}),
    }
    const toWire = (rows: StoreRow<object>[]) => rows.map((r) => ({
      group: { ...(w.labels.get(r.window.startMs) ?? {}), ...r.group },
      from: new Date(r.window.startMs).toISOString(), to: new Date(r.window.endMs).toISOString(),
      values: r.values as Record<string, unknown>,
    }))
    return { firm, plant, q, toWire }
  }
}
export type PlantRangeOf = ReturnType<typeof createPlantRangeOf>
