import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, machineQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { textileEfficiency } from '../textile/textile-efficiency.ts'
import { plantParams } from './registry-routes.ts'

/** Loom and spinning efficiency by plant, line or machine, per shift or any granularity. */
export const textileRoutes = (o: { store: Store; plantRange: PlantRangeOf }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/efficiency/textile', {
      schema: {
        tags: ['efficiency'], summary: 'Loom efficiency (picks vs rated speed in busy time, stops per 10^5 picks) and spinning efficiency (kg vs rated delivery)',
        params: plantParams, querystring: machineQuery, response: answerResponses,
      },
    }, async (req, reply) => {
      const { plant, q, toWire } = o.plantRange(req, req.params, req.query, 'telemetry')
      const rows = await o.store.production({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: ['line', 'machine'] })
      const by = req.query.by === 'plant' ? [] : req.query.by === 'line' ? (['line'] as const) : (['line', 'machine'] as const)
      return sendAnswer(reply, req.query.format, 'textile-efficiency', {
        unit: { efficiency: 'ratio 0..1', picks: 'picks', busyS: 's', stops: 'stops', stopsPer1e5Picks: 'stops per 10^5 picks', producedKg: 'kg', ratedKg: 'kg' },
        rows: toWire(textileEfficiency(plant, rows, by)),
      })
    })
  }
