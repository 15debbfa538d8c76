import { deviceKey, indexRegistry } from '@millstream/contract'
import { loadRegistry, loadSparkplugMapping, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { describe, expect, it } from 'vitest'
import { deathRecords, deviceRecords } from './device-records.ts'
import type { SparkplugMetric } from './sparkplug-payload-decode.ts'

const registry = loadRegistry(TEST_REGISTRY_PATH)
const node = loadSparkplugMapping(registry).get('test-firm/test-plant')!
const index = indexRegistry(registry)
const limits = { maxPayloadBytes: 16_384, maxFutureSkewMs: 300_000, minTsMs: Date.parse('2020-01-01T00:00:00Z') }
const T = Date.parse('2026-11-30T08:00:00Z')
const metric = (name: string, type: string, value: unknown, timestampMs?: number) => ({ name, metric: { type, value, isNull: value === null, ...(timestampMs === undefined ? {} : { timestampMs }) } as SparkplugMetric })
const run = (machine: string, metrics: ReturnType<typeof metric>[]) => {
  const device = node.devices.get(machine)!
  return deviceRecords({ device, key: deviceKey(device), metrics, payloadTimestampMs: T, receivedAtMs: T + 1000, index, limits })
}

describe('deviceRecords: the metrics of one Sparkplug message as contract records', () => {
  it('groups metrics by channel and timestamp into records that carry the registry unit and medium', () => {
    const out = run('jd-01', [
      metric('State', 'String', 'down'), metric('State/Reason', 'String', 'no_material'), metric('Count/Total', 'Double', 120.5), metric('Count/Good', 'Double', 118),
      metric('Energy/steam/Total', 'Double', 3.25, T - 5000), metric('Vendor/Serial', 'String', 'X1'),
    ])
    expect(out.rejections).toEqual([])
    expect(out.ignored).toBe(1)
    expect(out.records).toEqual([
      expect.objectContaining({ channel: 'energy', medium: 'steam', total: 3.25, ts: T - 5000 }),
      expect.objectContaining({ channel: 'state', state: 'down', reason: 'no_material', ts: T }),
      expect.objectContaining({ channel: 'count', total: 120.5, good: 118, unit: 'kg', ts: T, device: 'jd-01', line: 'dyeing', receivedAt: T + 1000 }),
    ])
  })

  it('refuses a wrong data type with its own reason, a bad value with the v1 reason, and skips null values and a part without its reading', () => {
    const out = run('loom-01', [
      metric('Picks', 'String', '12'), metric('State', 'String', 'dancing'), metric('Energy/electricity/Total', 'Double', -1),
      metric('Count/Good', 'Double', 5), metric('State/Reason', 'String', null),
    ])
    expect(out.records).toEqual([])
    expect(out.rejections.map((r) => r.reason).sort()).toEqual(['negative_cumulative', 'schema_violation', 'sparkplug_bad_metric'])
    expect(out.rejections.find((r) => r.reason === 'sparkplug_bad_metric')?.message).toMatch(/Picks: data type String cannot be count.total/)
  })
})

describe('deathRecords: a Sparkplug death as data (issue 16)', () => {
  const devices = [...node.devices.values()]

  it('gives each machine that died a state record unknown at the death, with the death as its reason, and skips meters', () => {
    const out = deathRecords({ devices, scope: 'node', tsMs: T, receivedAtMs: T, index, limits })
    const machines = devices.filter((d) => index.device(d)?.kind === 'machine')
    expect(machines.length).toBeGreaterThan(0)
    expect(out.rejections).toEqual([])
    expect(out.records).toEqual(machines.map((d) => ({ v: 1, firm: d.firm, plant: d.plant, line: d.line, device: d.device, channel: 'state', state: 'unknown', reason: 'edge_node_death', ts: T, receivedAt: T })))
    const loom = node.devices.get('loom-01')!
    expect(deathRecords({ devices: [loom], scope: 'device', tsMs: T - 5, receivedAtMs: T, index, limits }).records).toEqual([expect.objectContaining({ device: 'loom-01', state: 'unknown', reason: 'device_death', ts: T - 5 })])
  })

  it('refuses a death the contract refuses, as any state message (a time far ahead of the clock)', () => {
    const out = deathRecords({ devices: [node.devices.get('loom-01')!], scope: 'device', tsMs: T + 3_600_000, receivedAtMs: T, index, limits })
    expect(out.records).toEqual([])
    expect(out.rejections.map((r) => r.reason)).toEqual(['future_timestamp'])
  })
})
