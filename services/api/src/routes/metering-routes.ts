import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { completenessRows, meteredDevices, meteringCoverageRows } from '../energy/metering-rows.ts'
import { notFound } from '../http/api-error.ts'
import { sendAnswer } from '../http/table-export.ts'
import type { Tenancy } from '../http/tenancy.ts'
import { answerResponses, rangeQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { plantParams } from './registry-routes.ts'

/** Data completeness of every metered device against the 90 % rule, and metering coverage per line. */
export const meteringRoutes = (o: { store: Store; tenancy: Tenancy; plantRange: PlantRangeOf }): FastifyPluginAsyncZod =>
  async (app) => {
    const base = '/v1/firms/:firm/plants/:plant/energy'
    app.get(`${base}/completeness`, {
      schema: {
        tags: ['energy'], summary: 'Minutes with data of each meter and metered machine against the minutes of the window; meets the 90 % online-monitoring rule or not',
        params: plantParams, querystring: rangeQuery, response: answerResponses,
      },
    }, async (req, reply) => {
      // One row per device and window: counted as machines for the point limit.
      const { plant, q, toWire } = o.plantRange(req, req.params, { ...req.query, by: 'machine' }, 'energy')
      const devices = meteredDevices(plant, req.query.line)
      const windows = q.windows ?? [q.range]
      const rows: ReturnType<typeof completenessRows> = []
      // Four windows at a time: each is one count query (docs/api.md "Limits").
      for (let i = 0; i < windows.length; i += 4) {
        const chunk = windows.slice(i, i + 4)
        const counted = await Promise.all(chunk.map((w) => o.store.deviceMinutes({ ...q, range: w })))
        chunk.forEach((w, j) => rows.push(...completenessRows(devices, w, counted[j] ?? new Map())))
      }
      return sendAnswer(reply, req.query.format, 'completeness', { unit: { minutesWithData: 'min', minutesExpected: 'min', completeness: 'ratio 0..1', meetsRule: '≥ 0.9' }, rows: toWire(rows) })
    })

    app.get(`${base}/metering-coverage`, {
      schema: {
        tags: ['energy'], summary: 'Per line: machines with their own meter, their share, and line sub-meters (registry)',
        params: plantParams, querystring: rangeQuery.pick({ line: true, format: true }), response: answerResponses,
      },
    }, async (req, reply) => {
      const { plant } = o.tenancy.plant(req, req.params.firm, req.params.plant, 'energy')
      if (req.query.line && !plant.lines.some((l) => l.id === req.query.line)) throw notFound('line')
      // The registry as it is now: no time range.
      const rows = meteringCoverageRows(plant, req.query.line).map((r) => ({ ...r, from: '', to: '' }))
      return sendAnswer(reply, req.query.format, 'metering-coverage', { unit: { machines: 'machines', meteredMachines: 'machines', machineMeteringShare: 'ratio 0..1' }, rows })
    })
  }
