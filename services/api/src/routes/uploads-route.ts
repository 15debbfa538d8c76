import { dataCompleteness } from '@millstream/metrics'
import type { Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { meteredDevices } from '../energy/metering-rows.ts'
import { sendAnswer } from '../http/table-export.ts'
import { answerResponses, rangeQuery, type PlantRangeOf } from '../range/plant-range-of.ts'
import { plantParams } from './registry-routes.ts'

const SLOT_MS = 15 * 60_000

/**
 * GB/T 37947's upload completeness: per meter and metered machine, the 15-minute slots that
 * received data against the slots of the window, and the online-monitoring rule (≥ 90 %,
 * @millstream/metrics dataCompleteness). energy/completeness counts minutes; a platform expects an
 * upload every 15 minutes, so a meter that sends once a quarter hour is complete here (issue 15).
 */
export const uploadsRoute = (o: { store: Store; plantRange: PlantRangeOf }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms/:firm/plants/:plant/energy/uploads', {
      schema: {
        tags: ['energy'], summary: '15-minute uploads of each meter and metered machine against the expected slots (GB/T 37947, ≥ 90 %)',
        params: plantParams, querystring: rangeQuery, response: answerResponses,
      },
    }, async (req, reply) => {
      // One row per device and window: counted as machines for the point limit.
      const { plant, q, toWire } = o.plantRange(req, req.params, { ...req.query, by: 'machine' }, 'energy')
      const devices = meteredDevices(plant, req.query.line)
      const rows: { group: Record<string, string>; window: { startMs: number; endMs: number }; values: object }[] = []
      // One count query per window, four at a time (docs/api.md "Limits").
      const windows = q.windows ?? [q.range]
      for (let i = 0; i < windows.length; i += 4) {
        const chunk = windows.slice(i, i + 4)
        const counted = await Promise.all(chunk.map((w) => o.store.deviceSlots15({ ...q, range: w })))
        chunk.forEach((window, j) => {
          const expected = Math.round((window.endMs - window.startMs) / SLOT_MS)
          for (const d of devices) {
            const received = Math.min(expected, counted[j]?.get(d.device) ?? 0)
            rows.push({ group: { line: d.line, device: d.device, kind: d.kind }, window, values: { scope: d.scope, media: d.media, slotsWithData: received, slotsExpected: expected, ...dataCompleteness(received, expected) } })
          }
        })
      }
      return sendAnswer(reply, req.query.format, 'uploads', { unit: { slotsWithData: '15-minute slots', slotsExpected: '15-minute slots', completeness: 'ratio 0..1', meetsRule: '≥ 0.9' }, rows: toWire(rows) })
    })
  }
