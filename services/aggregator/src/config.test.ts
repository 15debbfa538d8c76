import { ConfigError, loadConfig } from '@millstream/runtime'
import { describe, expect, it } from 'vitest'
import { aggregatorConfigSchema } from './config.ts'

const base = { KAFKA_BROKERS: '127.0.0.1:9092', INFLUX_URL: 'http://127.0.0.1:8086', INFLUX_TOKEN: 'x', INFLUX_ORG: 'o', INFLUX_BUCKET: 'b' }

describe('aggregator config', () => {
  it('reads durations and defaults the topics to the v1 pipeline', () => {
    const c = loadConfig(aggregatorConfigSchema, { ...base, AGG_ALLOWED_LATENESS: '90s' })
    expect(c.AGG_ALLOWED_LATENESS).toBe(90_000)
    expect(c.AGG_INPUT_TOPIC).toBe('mill.telemetry.v1')
    expect(c.AGG_CHANGELOG_TOPIC).toBe('mill.aggregator-state.v1')
    expect(c.HTTP_PORT).toBe(9102)
  })

  it('names each bad variable and why', () => {
    try {
      loadConfig(aggregatorConfigSchema, { ...base, AGG_STALENESS: 'soon', AGG_FROM_BEGINNING: 'maybe', INFLUX_TOKEN: '' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      const message = (err as Error).message
      expect(message).toMatch(/AGG_STALENESS: expected a duration/)
      expect(message).toMatch(/AGG_FROM_BEGINNING/)
      expect(message).toMatch(/INFLUX_TOKEN: required/)
    }
  })

  it('fetches up to 8 MiB of a partition and 48 MiB in all, and refuses a whole smaller than a part', () => {
    const c = loadConfig(aggregatorConfigSchema, base)
    expect(c.AGG_FETCH_PARTITION_BYTES).toBe(8 * 2 ** 20)
    expect(c.AGG_FETCH_BYTES).toBe(48 * 2 ** 20)
    expect(() => loadConfig(aggregatorConfigSchema, { ...base, AGG_FETCH_PARTITION_BYTES: String(2 ** 20), AGG_FETCH_BYTES: String(2 ** 20 - 1) })).toThrow(/AGG_FETCH_BYTES: must be at least AGG_FETCH_PARTITION_BYTES/)
    expect(() => loadConfig(aggregatorConfigSchema, { ...base, AGG_FETCH_PARTITION_BYTES: '1023' })).toThrow(/AGG_FETCH_PARTITION_BYTES/)
  })

  it('refuses a partition grace shorter than the lateness: silent devices would finalize too early', () => {
    expect(() => loadConfig(aggregatorConfigSchema, { ...base, AGG_ALLOWED_LATENESS: '2h', AGG_PARTITION_GRACE: '1h' })).toThrow(/AGG_PARTITION_GRACE: must be at least AGG_ALLOWED_LATENESS/)
  })
})
