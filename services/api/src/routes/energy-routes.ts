import { DEFAULT_ENERGY_SCORE_CONFIG, localWindows, type SecBenchmark } from '@millstream/metrics'
import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { specificEnergyRows } from '../energy/specific-energy-rows.ts'
import { tariffRows } from '../energy/tariff-rows.ts'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, rangeQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { limitExceeded } from '../range/report-windows.ts'
import { plantParams } from './registry-routes.ts'

export interface EnergyRouteOptions {
  store: Store
  plantRange: PlantRangeOf
  /** Unit-product benchmarks: the scorer's rows (seeds/benchmarks.json through metrics secBenchmarks). */
  benchmarks: readonly SecBenchmark[]
}

/** Hours of incomer readings one tariff answer may read (three months). */
const MAX_TARIFF_HOURS = 24 * 93

/** Energy per unit of output against quota grades, and the peak/flat/valley split with its cost. */
export const energyRoutes = (o: EnergyRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const base = '/v1/firms/:firm/plants/:plant/energy'
    app.get(`${base}/specific`, {
      schema: {
        tags: ['energy'], summary: "Each line's energy per unit of output (kgce per 100 m, kg, piece ...) against its product family's quota grades",
        params: plantParams, querystring: rangeQuery, response: answerResponses,
      },
    }, async (req, reply) => {
      const { plant, q, toWire } = o.plantRange(req, req.params, { ...req.query, by: 'line' }, 'energy')
      const [energy, output] = await Promise.all([o.store.machineEnergy({ ...q, by: ['line'] }), o.store.production({ ...q, by: ['line'] })])
      const rows = specificEnergyRows(plant, energy, output, { benchmarks: o.benchmarks, advancedToLimitRatio: DEFAULT_ENERGY_SCORE_CONFIG.advancedToLimitRatio })
      return sendAnswer(reply, req.query.format, 'specific-energy', {
        unit: { energy: 'medium unit (kWh, t, m3, Nm3)', kgceEquivalent: 'kgce (当量值)', kgceEqual: 'kgce (等价值)', outputQty: 'the row unit', sec: 'kgce per basis', benchmark: 'kgce per basis', grade: 'grade 1-3; shareOfLimit ratio' },
        rows: toWire(rows),
      })
    })

    app.get(`${base}/tariff`, {
      schema: {
        tags: ['energy'], summary: "Incomer electricity per tariff band (tip, peak, flat, valley) and its cost from the plant's tariff",
        params: plantParams, querystring: rangeQuery.omit({ line: true }), response: answerResponses,
      },
    }, async (req, reply) => {
      const { plant, q, toWire } = o.plantRange(req, req.params, req.query, 'energy')
      const tariff = plant.tariff
      if (!tariff) return sendAnswer(reply, req.query.format, 'tariff', { unit: {}, rows: toWire([{ group: {}, window: q.range, values: { reason: 'the plant has no tariff in the registry' } }]) })
      if ((q.range.endMs - q.range.startMs) / 3_600_000 > MAX_TARIFF_HOURS) throw limitExceeded(`query: the tariff split reads hourly readings, at most ${MAX_TARIFF_HOURS / 24} days per request`)
      const hours = localWindows(q.range, 'hour', plant.timeZone)
      const read = await o.store.meterEnergy({ firm: q.firm, plant: q.plant, timeZone: q.timeZone, range: q.range, windows: hours, windowUnit: 'hour', scope: 'plant', medium: 'electricity' })
      return sendAnswer(reply, req.query.format, 'tariff', {
        unit: { kwh: 'kWh', kwhByBand: 'kWh', costByBand: tariff.currency, totalCost: tariff.currency, tariff: `${tariff.name} (${tariff.source})` },
        rows: toWire(tariffRows(read, q.windows ?? [q.range], tariff, plant.timeZone)),
      })
    })
  }
