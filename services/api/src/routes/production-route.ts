import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, machineQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { plantParams } from './registry-routes.ts'

/**
 * Output per count unit (picks, m, kg, pieces never add, so `group.unit` is always a column):
 * produced, good and inspected quantities, by plant, line or machine, at any granularity (a shift
 * report's output per line: `by=line&granularity=shift`; issue 15).
 */
export const productionRoute = (o: { store: Store; plantRange: PlantRangeOf }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/production', {
      schema: { tags: ['efficiency'], summary: 'Output per count unit (produced, good, inspected) by plant, line or machine', params: plantParams, querystring: machineQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q, toWire } = o.plantRange(req, req.params, req.query, 'telemetry')
      const by = req.query.by === 'plant' ? [] : req.query.by === 'line' ? (['line'] as const) : (['line', 'machine'] as const)
      const rows = await o.store.production({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: [...by] })
      const wire = rows.map((r) => ({ ...r, values: { producedQty: r.values.producedQty, goodQty: r.values.goodQty, inspectedQty: r.values.inspectedQty } }))
      return sendAnswer(reply, req.query.format, 'production', { unit: { producedQty: 'group.unit', goodQty: 'group.unit', inspectedQty: 'group.unit' }, rows: toWire(wire) })
    })
  }
