import { createHash } from 'node:crypto'
import { PAYLOAD_SCHEMAS, deviceMedia, indexRegistry, parseTopic, timestampToMs, type Registry } from '@millstream/contract'
import { DEMO_REGISTRY_PATH, TEST_REGISTRY_PATH, loadRegistry } from '@millstream/seeds'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CHAOS, NO_CHAOS, type ChaosConfig } from '../chaos/chaos-config.ts'
import { createPlantSimulation } from './plant-simulation.ts'
import type { SimMessage } from './sim-message.ts'

const HOUR_MS = 3_600_000
const START_MS = Date.parse('2026-03-02T06:00:00+08:00')
const testRegistry = loadRegistry(TEST_REGISTRY_PATH)

function simulate(o: { registry?: Registry; plantIndex?: number; seed?: number; boot?: string; chaos?: ChaosConfig; hours?: number; steps?: number[]; tsFormat?: 'rfc3339' | 'epoch'; periodS?: number }) {
  const registry = o.registry ?? testRegistry
  const firm = registry.firms[o.plantIndex ?? 0]!
  const sim = createPlantSimulation({
    firm, plant: firm.plants[0]!, seed: o.seed ?? 1, ...(o.boot ? { boot: o.boot } : {}), startMs: START_MS, periodS: o.periodS ?? 10, heartbeatS: 60, tsFormat: o.tsFormat ?? 'rfc3339', chaos: o.chaos ?? NO_CHAOS,
  })
  const endMs = START_MS + (o.hours ?? 3) * HOUR_MS
  const messages: SimMessage[] = []
  let t = START_MS
  for (let i = 0; t < endMs; i++) {
    t = Math.min(endMs, t + (o.steps ? o.steps[i % o.steps.length]! : HOUR_MS))
    messages.push(...sim.advance(t))
  }
  return { messages, sim }
}

const hashOf = (messages: SimMessage[]) => {
  const h = createHash('sha256')
  for (const m of messages) h.update(`${m.atMs} ${m.topic} ${m.payload}\n`)
  return h.digest('hex')
}

describe('createPlantSimulation', () => {
  it('produces the identical stream for the same seed, registry and period', () => {
    expect(hashOf(simulate({ seed: 7 }).messages)).toBe(hashOf(simulate({ seed: 7 }).messages))
    expect(hashOf(simulate({ seed: 7, chaos: DEFAULT_CHAOS }).messages)).toBe(hashOf(simulate({ seed: 7, chaos: DEFAULT_CHAOS }).messages))
  })

  it('sends the run\'s boot id before seq in every payload when given, and changes nothing else', () => {
    const plain = simulate({ seed: 7, hours: 1 }).messages
    const booted = simulate({ seed: 7, hours: 1, boot: 'run-2' }).messages
    expect(booted.length).toBe(plain.length)
    booted.forEach((m, i) => {
      const p = JSON.parse(m.payload) as Record<string, unknown>
      expect(Object.keys(p).slice(-2)).toEqual(['boot', 'seq'])
      const { boot, ...rest } = p
      expect(boot).toBe('run-2')
      expect(rest).toEqual(JSON.parse((plain[i] as SimMessage).payload))
    })
  })

  it('produces a different stream for a different seed', () => {
    expect(hashOf(simulate({ seed: 7 }).messages)).not.toBe(hashOf(simulate({ seed: 8 }).messages))
  })

  it('gives the same stream however the period is cut into steps', () => {
    const chaos = { ...DEFAULT_CHAOS, duplicate: 0.05, outOfOrder: 0.05, late: 0.01, lateDelayS: 600, bad: 0.01, gapPerDeviceH: 0.5, resetPerDeviceH: 0.5 }
    const hourly = simulate({ seed: 3, chaos })
    const ragged = simulate({ seed: 3, chaos, steps: [1, 9_999, 137_000, 10_000, 3_333, 1_200_000] })
    expect(ragged.messages.length).toBe(hourly.messages.length)
    expect(hashOf(ragged.messages)).toBe(hashOf(hourly.messages))
    expect(ragged.sim.injections).toEqual(hourly.sim.injections)
  })

  it('publishes only topics and payloads the v1 contract and the registry accept', () => {
    for (const tsFormat of ['rfc3339', 'epoch'] as const) {
      const { messages } = simulate({ tsFormat, hours: 2 })
      const index = indexRegistry(testRegistry)
      const problems: string[] = []
      for (const m of messages) {
        const topic = parseTopic(m.topic)
        if (!topic.ok) { problems.push(`${m.topic}: ${topic.message}`); continue }
        const entry = index.device(topic.ref)
        const parsed = PAYLOAD_SCHEMAS[topic.channel].safeParse(JSON.parse(m.payload))
        if (!entry || !entry.channels.includes(topic.channel)) problems.push(`${m.topic}: not in the registry`)
        else if (!parsed.success) problems.push(`${m.topic}: ${parsed.error.message}`)
        else {
          const p = parsed.data as { ts: number | string; medium?: string; unit?: string; seq?: number }
          if (timestampToMs(p.ts) !== m.ts) problems.push(`${m.topic}: ts ${p.ts} is not ${m.ts}`)
          if (p.medium && !deviceMedia(entry).includes(p.medium as never)) problems.push(`${m.topic}: medium ${p.medium}`)
          if (entry.kind === 'machine' && topic.channel === 'count' && p.unit !== entry.machine.unit) problems.push(`${m.topic}: unit ${p.unit}`)
          if (p.seq !== m.seq) problems.push(`${m.topic}: seq`)
        }
      }
      expect(problems.slice(0, 5)).toEqual([])
      expect(messages.length).toBeGreaterThan(10_000)
    }
  })

  it('numbers each device\'s messages 0, 1, 2, ... in publish order when there is no chaos', () => {
    const next = new Map<string, number>()
    const wrong: string[] = []
    for (const m of simulate({ hours: 2 }).messages) {
      if (m.seq !== (next.get(m.deviceKey) ?? 0)) wrong.push(`${m.deviceKey} ${m.seq}`)
      next.set(m.deviceKey, (m.seq ?? 0) + 1)
    }
    expect(wrong).toEqual([])
    expect(next.size).toBe(13) // 7 machines, 5 meters and the spinning hall's sensor
  })

  it('makes each plant incomer read its machine meters plus losses and auxiliaries', () => {
    const demo = loadRegistry(DEMO_REGISTRY_PATH)
    for (const plantIndex of [0, 1, 4]) {
      const { messages } = simulate({ registry: demo, plantIndex, hours: 6, periodS: 60 })
      const delta = (pick: (m: SimMessage) => boolean) => {
        const readings = new Map<string, number[]>()
        for (const m of messages.filter(pick)) {
          const list = readings.get(m.deviceKey) ?? []
          list.push(m.reading?.total ?? 0)
          readings.set(m.deviceKey, list)
        }
        return [...readings.values()].reduce((sum, r) => sum + (r.at(-1)! - r[0]!), 0)
      }
      const electricity = (m: SimMessage) => m.reading?.series === 'energy:electricity'
      const machines = delta((m) => electricity(m) && m.channel === 'energy' && !m.deviceKey.includes('/utilities/') && !m.deviceKey.endsWith('submeter-electricity'))
      const incomer = delta((m) => electricity(m) && m.deviceKey.endsWith('/utilities/incomer-electricity'))
      expect(incomer, `plant ${plantIndex}`).toBeGreaterThan(machines * 1.02)
      expect(incomer, `plant ${plantIndex}`).toBeLessThan(machines * 4)
    }
  })
})

describe('process gauges of a plant simulation (issue 16)', () => {
  it("publishes the hall sensor's humidity and temperature and the jet dyer's liquor temperature every tick, outside the range only under chaos", () => {
    const clean = simulate({ hours: 1, periodS: 60 }).messages.filter((m) => m.channel === 'process')
    const hall = clean.filter((m) => m.deviceKey.endsWith('/hall-sensor-01'))
    expect(hall).toHaveLength(61) // ticks of an hour, both ends included
    expect(hall.every((m) => m.topic.endsWith('/spinning/hall-sensor-01/process') && m.gauges?.join() === 'humidity,temperature')).toBe(true)
    expect(clean.filter((m) => m.deviceKey.endsWith('/jd-01')).every((m) => m.gauges?.join() === 'liquor_temp')).toBe(true)
    const humidity = (ms: SimMessage[]) => ms.filter((m) => m.deviceKey.endsWith('/hall-sensor-01')).map((m) => (JSON.parse(m.payload) as { values: { humidity: number } }).values.humidity)
    expect(humidity(clean).every((h) => h >= 40 && h <= 80)).toBe(true)
    const chaotic = simulate({ hours: 6, periodS: 10, chaos: { ...NO_CHAOS, outOfRange: 0.05 } }).messages
    expect(humidity(chaotic).some((h) => h < 40 || h > 80)).toBe(true)
  })
})
