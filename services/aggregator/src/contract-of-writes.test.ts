import {
  indexRegistry, LINE_ROLLUP_FIELDS, intakeFieldsSchema, intakeTagsSchema, liveMinuteSchema, machineHourFieldsSchema, machineMinuteFieldsSchema, machineTagsSchema,
  MEASUREMENTS, meterHourFieldsSchema, meterMinuteFieldsSchema, meterTagsSchema, processEventFieldsSchema, processHourFieldsSchema, processMinuteFieldsSchema, processTagsSchema,
  stopFieldsSchema, stopTagsSchema,
} from '@millstream/contract'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import type { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { createPartitionEngine } from './index.ts'
import { rollupPoints } from './rollup/rollup-points.ts'

const MIN = 60_000
const START = Date.parse('2025-03-11T09:50:00+08:00')

/** A loom with a warp break, a counter and a meter, and a plant incomer, over 40 minutes. */
function messages() {
  const records: Record<string, unknown>[] = []
  for (let i = 0; i < 40; i++) {
    const ts = START + i * MIN + 5_000
    records.push({ line: 'weaving', device: 'loom-01', channel: 'state', ts, state: i % 10 === 3 ? 'down' : 'running', ...(i % 10 === 3 ? { reason: 'warp_break' } : {}) })
    records.push({ line: 'weaving', device: 'loom-01', channel: 'count', ts: ts + 1_000, total: i * 500, good: i * 490 })
    records.push({ line: 'weaving', device: 'loom-01', channel: 'energy', ts: ts + 2_000, total: 100 + i * 0.1, medium: 'electricity', power: 6 })
    records.push({ line: 'utilities', device: 'incomer-electricity', channel: 'energy', ts: ts + 3_000, total: 5_000 + i * 12, medium: 'electricity', power: 700 })
    // The spinning hall's sensor (issue 16), its humidity out of range now and then.
    records.push({ line: 'spinning', device: 'hall-sensor-01', channel: 'process', ts: ts + 4_000, values: { humidity: i % 7 === 0 ? 91 : 58, temperature: 27 } })
  }
  return records.map((r, offset) => {
    const full = { v: 1, firm: 'test-firm', plant: 'test-plant', receivedAt: r.ts, ...r }
    return { topic: 'in', partition: 0, offset: String(offset), key: Buffer.from(`test-firm/test-plant/${String(r.line)}/${String(r.device)}`), value: Buffer.from(JSON.stringify(full)), timestamp: String(r.ts) }
  })
}

/** A line-protocol point (no escapes needed for registry ids) as measurement, tags and fields. */
function parseLine(line: string) {
  const [series = '', fieldText = ''] = line.split(' ')
  const [measurement = '', ...tagPairs] = series.split(',')
  const tags = Object.fromEntries(tagPairs.map((p) => p.split('=')))
  const fields = Object.fromEntries(fieldText.split(',').map((p) => [p.split('=')[0], Number(p.split('=')[1]?.replace(/i$/, ''))]))
  return { measurement, tags, fields }
}

const ROLLUPS: string[] = [MEASUREMENTS.lineHour, MEASUREMENTS.lineStopHour, MEASUREMENTS.plantHour, MEASUREMENTS.plantStopHour]
const SCHEMAS: Record<string, [z.ZodType, z.ZodType]> = {
  [MEASUREMENTS.machineMinute]: [machineTagsSchema, machineMinuteFieldsSchema],
  [MEASUREMENTS.machineHour]: [machineTagsSchema, machineHourFieldsSchema],
  [MEASUREMENTS.machineStopMinute]: [stopTagsSchema, stopFieldsSchema],
  [MEASUREMENTS.machineStopHour]: [stopTagsSchema, stopFieldsSchema],
  [MEASUREMENTS.meterMinute]: [meterTagsSchema, meterMinuteFieldsSchema],
  [MEASUREMENTS.meterHour]: [meterTagsSchema, meterHourFieldsSchema],
  [MEASUREMENTS.intakeMinute]: [intakeTagsSchema, intakeFieldsSchema],
  [MEASUREMENTS.processMinute]: [processTagsSchema, processMinuteFieldsSchema],
  [MEASUREMENTS.processHour]: [processTagsSchema, processHourFieldsSchema],
  [MEASUREMENTS.processOutOfRange]: [processTagsSchema, processEventFieldsSchema],
}

describe('what the aggregator writes follows the contract', () => {
  it('writes only the contract measurements, with their tags and fields, and live records that parse', () => {
    const engine = createPartitionEngine({
      topic: 'in',
      partition: 0,
      registry: indexRegistry(loadRegistry(TEST_REGISTRY_PATH)),
      options: { latenessMs: 2 * MIN, stalenessMs: 5 * MIN, maxSpreadMs: 5 * MIN, horizonMs: 30 * MIN, partitionGraceMs: 60 * MIN, emitDelayMs: 0 },
    })
    for (const m of messages()) engine.apply(m)
    engine.advance(START + 200 * MIN)
    const { points, live } = engine.pending()
    const seen = new Set<string>()
    for (const line of points.values()) {
      const { measurement, tags, fields } = parseLine(line)
      const schemas = SCHEMAS[measurement]
      expect(schemas, measurement).toBeDefined()
      const [tagSchema, fieldSchema] = schemas as [z.ZodType, z.ZodType]
      expect(tagSchema.safeParse(tags).error, line).toBeUndefined()
      // Strict: a field the contract does not name would be a field no reader knows.
      expect((fieldSchema as z.ZodObject).strict().safeParse(fields).error, line).toBeUndefined()
      seen.add(measurement)
    }
    // The line and plant roll-ups are the roll-up stage's (next test), not the partition engine's.
    expect([...seen].sort()).toEqual(Object.values(MEASUREMENTS).filter((m) => !ROLLUPS.includes(m)).sort())
    expect(live.size).toBeGreaterThan(80)
    for (const record of live.values()) expect(liveMinuteSchema.safeParse(record).error).toBeUndefined()
  })

  it("writes the roll-ups as the contract's measurements, with only the roll-up fields", () => {
    const key = (...tags: string[]) => JSON.stringify(tags)
    const out = rollupPoints({ firm: 'f', plant: 'p', hourStartMs: START, lines: new Map([[key('weaving'), { apt_s: 1, minutes: 60, electricity_kwh: 2 }]]), stops: new Map([[key('weaving', 'warp_break'), { count: 1, down_s: 30 }]]) })
    const seen = new Set<string>()
    for (const line of [...out.lines, ...out.plant]) {
      const { measurement, tags, fields } = parseLine(line)
      seen.add(measurement)
      expect(Object.keys(tags).sort()).toEqual(['firm', 'plant', ...(measurement.startsWith('line') ? ['line'] : []), ...(measurement.includes('stop') ? ['reason'] : [])].sort())
      for (const f of Object.keys(fields)) expect(measurement.includes('stop') ? ['count', 'down_s'] : LINE_ROLLUP_FIELDS, f).toContain(f)
    }
    expect([...seen].sort()).toEqual([...ROLLUPS].sort())
  })

  it('refuses a live machine minute that lacks a fixed field', () => {
    const bad = { v: 1, kind: 'machine', firm: 'f', plant: 'p', line: 'l', device: 'd', minuteStartMs: 0, final: true, fields: { running_s: 60 }, stops: {}, intake: { samples: 1, late: 0, duplicates: 0, tooLate: 0, discontinuities: 0 } }
    expect(liveMinuteSchema.safeParse(bad).error?.issues[0]?.message).toMatch(/lacks idle_s/)
  })
})
