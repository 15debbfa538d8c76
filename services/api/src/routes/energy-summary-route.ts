import { co2Kg, DEFAULT_CONSTANTS, standardCoalKgce, type Constant, type EnergyTotals } from '@millstream/metrics'
import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, rangeQuery, type PlantRangeOf, type RangeQuery } from '../range/plant-range-of.ts'
import { plantParams } from './registry-routes.ts'

const factor = (c: Constant) => ({ value: c.value, unit: c.unit, year: c.year, status: c.status, source: c.source })
const FACTORS = {
  equivalentKgcePerKwh: factor(DEFAULT_CONSTANTS.kgcePerKwhElectricity),
  equalKgcePerKwh: factor(DEFAULT_CONSTANTS.kgcePerKwhElectricityEqualValue),
  gridCo2KgPerKwh: factor(DEFAULT_CONSTANTS.gridCo2KgPerKwh),
}

/**
 * A plant's energy from its incomers per window: per medium, standard coal by equivalent (当量值)
 * and equal value (等价值), CO2 (factor and its year), and the incomers against the sum of the
 * line sub-meters (what the sub-meters miss: losses or unmetered loads). All math is @millstream/metrics'.
 */
export const energySummaryRoute = (o: { store: Store; plantRange: PlantRangeOf }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/energy/summary', {
      schema: { tags: ['energy'], summary: 'Plant energy per medium, standard coal (equivalent and equal value), CO2, incomers vs sub-meters', params: plantParams, querystring: rangeQuery.omit({ line: true }), response: answerResponses },
    }, async (req, reply) => {
      const { q } = o.plantRange(req, req.params, req.query as RangeQuery, 'energy_totals')
      const rows = await o.store.meterEnergy({ ...q, by: ['scope'] })
      const windows = [...new Set(rows.map((r) => r.window.startMs))].sort((a, b) => a - b)
      const out = windows.map((startMs) => {
        const at = (scope: string) => rows.find((r) => r.window.startMs === startMs && r.group.scope === scope)
        const incomers: EnergyTotals = at('plant')?.values ?? {}
        const sub: EnergyTotals = at('line')?.values ?? {}
        const window = (at('plant') ?? at('line'))?.window ?? { startMs, endMs: startMs }
        const equivalent = standardCoalKgce(incomers, DEFAULT_CONSTANTS, 'equivalent')
        const equal = standardCoalKgce(incomers, DEFAULT_CONSTANTS, 'equal')
        const co2 = co2Kg(incomers, DEFAULT_CONSTANTS)
        const unmetered = Object.fromEntries(Object.entries(incomers).map(([m, v]) => [m, v - (sub[m as keyof EnergyTotals] ?? 0)]))
        return {
          group: {}, from: new Date(window.startMs).toISOString(), to: new Date(window.endMs).toISOString(),
          values: { incomers, subMeters: sub, incomersMinusSubMeters: unmetered, coalEquivalentKgce: equivalent.total, coalEqualKgce: equal.total, co2Kg: co2.total, co2ExcludedMedia: co2.excludedMedia.join(' ') },
        }
      })
      return sendAnswer(reply, req.query.format, 'energy-summary', { unit: { incomers: 'medium unit (kWh, t, m3, Nm3)', subMeters: 'medium unit', incomersMinusSubMeters: 'medium unit', coalEquivalentKgce: 'kgce', coalEqualKgce: 'kgce', co2Kg: 'kg CO2', factors: JSON.stringify(FACTORS) }, rows: out })
    })
  }
