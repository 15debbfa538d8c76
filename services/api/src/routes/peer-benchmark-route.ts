import type { Plant, Registry } from '@millstream/contract'
import { localDays, type Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Sharing } from '../auth/principal.ts'
import { familySecs, peerRow, type FamilySec } from '../energy/peer-benchmark-rows.ts'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, rangeQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { limitExceeded } from '../range/report-windows.ts'
import { plantParams } from './registry-routes.ts'

const MAX_DAYS = 92

/**
 * Benchmarking (对标) of a plant's energy per unit of output against the plants of the same product
 * family in its cluster, as anonymised percentiles (issue 15). Peers are the plant's own firm and
 * the firms that share energy with the platform (`energy_totals`): a firm that shares nothing is
 * never in anyone's group. The answer names no other plant and gives no other plant's figure;
 * quartiles only from five plants on (metrics MIN_PLANTS_FOR_QUARTILES).
 */
export const peerBenchmarkRoute = (o: { store: Store; plantRange: PlantRangeOf; registry: Registry; sharing: Sharing }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/energy/peers', {
      schema: {
        tags: ['energy'], summary: "The plant's energy per unit of output against plants of the same product family in its cluster: its percentile and the group's quartiles, anonymised",
        params: plantParams, querystring: rangeQuery.pick({ from: true, to: true, format: true }), response: answerResponses,
      },
    }, async (req, reply) => {
      const { firm, plant, q, toWire } = o.plantRange(req, req.params, { ...req.query, granularity: 'range' }, 'energy')
      if ((q.range.endMs - q.range.startMs) / 86_400_000 > MAX_DAYS + 1) throw limitExceeded(`query: at most ${MAX_DAYS} days per benchmark`)
      const families = new Set(plant.lines.flatMap((l) => (l.productFamily ? [l.productFamily] : [])))
      const self = `${firm.id}/${plant.id}`
      const peers = plant.cluster === undefined ? [] : o.registry.firms
        .filter((f) => f.id === firm.id || o.sharing(f.id).includes('energy_totals'))
        .flatMap((f) => f.plants.filter((p) => p.cluster === plant.cluster && p.lines.some((l) => l.productFamily && families.has(l.productFamily))).map((p) => ({ firm: f.id, plant: p })))
      const secs = new Map<string, Map<string, FamilySec>>()
      for (const peer of peers) secs.set(`${peer.firm}/${peer.plant.id}`, await secsOf(o.store, peer.firm, peer.plant, req.query.from, req.query.to))
      const rows = [...families].sort().map((family) => ({
        group: { family }, window: q.range,
        values: plant.cluster === undefined ? { basis: null, sec: null, benchmark: null, reason: 'the plant has no cluster in the registry' } : peerRow(self, family, secs),
      }))
      return sendAnswer(reply, req.query.format, 'peers', { unit: { sec: 'kgce (当量值) per basis', percentile: '0-100, 100 = most efficient', quartiles: 'kgce per basis', cluster: plant.cluster ?? '' }, rows: toWire(rows) })
    })
  }

async function secsOf(store: Store, firm: string, plant: Plant, from: string, to: string): Promise<Map<string, FamilySec>> {
  const q = { firm, plant: plant.id, timeZone: plant.timeZone, range: localDays(from, to, plant.timeZone), by: ['line' as const] }
  const [energy, output] = await Promise.all([store.machineEnergy(q), store.production(q)])
  return familySecs(plant, energy, output)
}
