import { localWindows } from '@millstream/metrics'
import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idleCostRows } from '../energy/idle-cost-rows.ts'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, rangeQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { limitExceeded } from '../range/report-windows.ts'
import { plantParams } from './registry-routes.ts'

/** Hours one answer may price (three months), as energy/tariff. */
const MAX_HOURS = 24 * 93

/** The cost of idle and off-shift electricity of the machines' own meters, by plant or line, priced with the plant's tariff. */
export const idleCostRoute = (o: { store: Store; plantRange: PlantRangeOf }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/energy/idle-cost', {
      schema: {
        tags: ['energy'], summary: "Idle and off-shift electricity of the machines' meters and what it cost, priced hour by hour with the plant's tariff",
        params: plantParams, querystring: rangeQuery.extend({ by: z.enum(['plant', 'line']).default('plant') }), response: answerResponses,
      },
    }, async (req, reply) => {
      const { plant, q, toWire } = o.plantRange(req, req.params, req.query, 'energy')
      const tariff = plant.tariff
      if (!tariff) return sendAnswer(reply, req.query.format, 'idle-cost', { unit: {}, rows: toWire([{ group: {}, window: q.range, values: { reason: 'the plant has no tariff in the registry' } }]) })
      if ((q.range.endMs - q.range.startMs) / 3_600_000 > MAX_HOURS) throw limitExceeded(`query: idle energy is priced from hourly readings, at most ${MAX_HOURS / 24} days per request`)
      const hours = localWindows(q.range, 'hour', plant.timeZone)
      const read = await o.store.machineEnergy({ firm: q.firm, plant: q.plant, timeZone: q.timeZone, range: q.range, ...(q.line ? { line: q.line } : {}), windows: hours, windowUnit: 'hour', by: req.query.by === 'line' ? ['line'] : [] })
      return sendAnswer(reply, req.query.format, 'idle-cost', {
        unit: { idleKwh: 'kWh', offShiftKwh: 'kWh', idle: `kWh and ${tariff.currency} by band`, offShift: `kWh and ${tariff.currency} by band`, totalCost: tariff.currency, tariff: `${tariff.name} (${tariff.source})` },
        rows: toWire(idleCostRows(read, q.windows ?? [q.range], tariff, plant.timeZone)),
      })
    })
  }
