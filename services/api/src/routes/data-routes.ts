import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { effectivenessNote } from '../efficiency/effectiveness-note.ts'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, idQuery, machineQuery, rangeQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { plantParams } from './registry-routes.ts'

export interface DataRouteOptions {
  store: Store
  plantRange: PlantRangeOf
}

/** Efficiency, stops, energy and data quality of one plant, read through @millstream/store. */
export const dataRoutes = ({ store, plantRange }: DataRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const by = (b: 'plant' | 'line' | 'machine') => (b === 'plant' ? [] : b === 'line' ? (['line'] as const) : (['line', 'machine'] as const))
    const base = '/v1/firms/:firm/plants/:plant'

    app.get(`${base}/efficiency`, {
      schema: { tags: ['efficiency'], summary: 'ISO 22400-2 elements and OEE, availability, effectiveness (performance; of batch machines over the batches that ended), quality by plant, line or machine; effectivenessNote says why performance is null', params: plantParams, querystring: machineQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q, plant, toWire } = plantRange(req, req.params, req.query, 'telemetry')
      const rows = await store.efficiency({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: by(req.query.by) })
      // A null performance (a batch line before its first batch ends) says why beside it.
      const group = (r: (typeof rows)[number]) => ({ ...r.group, ...(req.query.line ? { line: req.query.line } : {}), ...(req.query.machine ? { machine: req.query.machine } : {}) })
      const noted = rows.map((r) => ({ ...r, values: { ...r.values, effectivenessNote: effectivenessNote(r.values.kpis.effectivenessGap, plant, group(r)) } }))
      return sendAnswer(reply, req.query.format, 'efficiency', { unit: { elements: 'ms', kpis: 'ratio 0..1' }, rows: toWire(noted) })
    })

    app.get(`${base}/stops`, {
      schema: { tags: ['efficiency'], summary: 'Stops by reason code (Pareto: sorted by down time) with counts and durations', params: plantParams, querystring: machineQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q, toWire } = plantRange(req, req.params, req.query, 'telemetry')
      const rows = await store.stopsByReason({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: by(req.query.by) })
      return sendAnswer(reply, req.query.format, 'stops', { unit: { downS: 's', count: 'stops' }, rows: toWire(rows.sort((a, b) => a.window.startMs - b.window.startMs || b.values.downS - a.values.downS)) })
    })

    app.get(`${base}/state-time`, {
      schema: { tags: ['efficiency'], summary: 'Seconds in each machine state, unknown kept apart', params: plantParams, querystring: machineQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q, toWire } = plantRange(req, req.params, req.query, 'telemetry')
      return sendAnswer(reply, req.query.format, 'state-time', { unit: { '*': 's' }, rows: toWire(await store.stateTime({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: by(req.query.by) })) })
    })

    app.get(`${base}/energy/machines`, {
      schema: { tags: ['energy'], summary: "Machines' own meters per medium: total, idle and off-shift", params: plantParams, querystring: machineQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q, toWire } = plantRange(req, req.params, req.query, 'energy')
      return sendAnswer(reply, req.query.format, 'machine-energy', { unit: { electricity: 'kWh', steam: 't', water: 'm3', gas: 'Nm3' }, rows: toWire(await store.machineEnergy({ ...q, ...(req.query.machine ? { machine: req.query.machine } : {}), by: by(req.query.by) })) })
    })

    app.get(`${base}/energy/meters`, {
      schema: { tags: ['energy'], summary: 'Registry meters (plant and line incomers) per medium and meter', params: plantParams, querystring: rangeQuery, response: answerResponses },
    }, async (req, reply) => {
      const { q, toWire } = plantRange(req, req.params, req.query, 'energy')
      return sendAnswer(reply, req.query.format, 'meter-energy', { unit: { electricity: 'kWh', steam: 't', water: 'm3', gas: 'Nm3' }, rows: toWire(await store.meterEnergy({ ...q, by: ['scope', 'meter'] })) })
    })

    app.get(`${base}/energy/totals`, {
      schema: { tags: ['energy'], summary: "The plant's incomers per medium: what a firm shares with the platform", params: plantParams, querystring: rangeQuery.omit({ line: true }), response: answerResponses },
    }, async (req, reply) => {
      const { q, toWire } = plantRange(req, req.params, req.query, 'energy_totals')
      return sendAnswer(reply, req.query.format, 'energy-totals', { unit: { electricity: 'kWh', steam: 't', water: 'm3', gas: 'Nm3' }, rows: toWire(await store.meterEnergy({ ...q, scope: 'plant' })) })
    })

    app.get(`${base}/data-quality`, {
      schema: { tags: ['data-quality'], summary: 'Per device intake: samples, late, duplicate, too late, excluded discontinuities, connection losses (live state reported lost), batches left out of performance (run time unknown)', params: plantParams, querystring: rangeQuery.extend({ device: idQuery.optional() }), response: answerResponses },
    }, async (req, reply) => {
      // One row per device: counted as machines for the point limit.
      const { q, toWire } = plantRange(req, req.params, { ...req.query, by: 'machine' }, 'telemetry')
      return sendAnswer(reply, req.query.format, 'data-quality', { unit: { '*': 'samples', connectionLosses: 'losses' }, rows: toWire(await store.intake({ ...q, ...(req.query.device ? { device: req.query.device } : {}), by: ['line', 'device', 'kind'] })) })
    })
  }
