import { deviceKey, indexRegistry } from '@millstream/contract'
import { loadRegistry, loadSparkplugMapping, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { describe, expect, it } from 'vitest'
import { deviceRecords } from './device-records.ts'
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
