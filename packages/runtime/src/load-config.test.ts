import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { intFromEnv } from './env-fields.ts'
import { ConfigError, loadConfig } from './load-config.ts'
import { influxBucketsOf, influxEnv, kafkaEnv, opsEnv } from './shared-env.ts'

const schema = z.object({
  ...kafkaEnv,
  INGEST_MAX_INFLIGHT: intFromEnv({ min: 1 }).default(1000),
})

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run()
  } catch (err) {
    if (err instanceof ConfigError) return err
    throw err
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('returns the parsed, frozen config', () => {
    const config = loadConfig(schema, { KAFKA_BROKERS: 'k1:9092, k2:9092', INGEST_MAX_INFLIGHT: '64' })
    expect(config).toEqual({ KAFKA_BROKERS: ['k1:9092', 'k2:9092'], KAFKA_SECURITY: 'plaintext', KAFKA_SASL_MECHANISM: 'scram-sha-512', INGEST_MAX_INFLIGHT: 64 })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('names each bad variable and why, one per line', () => {
    const error = configErrorOf(() => loadConfig(schema, { INGEST_MAX_INFLIGHT: 'abc' }))
    expect(error.message).toBe(
      ['invalid configuration:', '  KAFKA_BROKERS: required', '  INGEST_MAX_INFLIGHT: expected a positive integer, got "abc"'].join('\n'),
    )
    expect(error.issues).toEqual([
      { variable: 'KAFKA_BROKERS', reason: 'required' },
      { variable: 'INGEST_MAX_INFLIGHT', reason: 'expected a positive integer, got "abc"' },
    ])
    expect(error).toMatchObject({ code: 'config_invalid', retriable: false })
  })

  it('treats an empty value as unset, so the default applies', () => {
    expect(loadConfig(schema, { KAFKA_BROKERS: 'k:9092', INGEST_MAX_INFLIGHT: '  ' }).INGEST_MAX_INFLIGHT).toBe(1000)
    expect(configErrorOf(() => loadConfig(schema, { KAFKA_BROKERS: '' })).issues).toEqual([{ variable: 'KAFKA_BROKERS', reason: 'required' }])
  })

  it('never prints the value of a secret variable', () => {
    const secretSchema = z.object({ INFLUX_TOKEN: z.string().min(20, 'expected at least 20 characters') })
    const error = configErrorOf(() => loadConfig(secretSchema, { INFLUX_TOKEN: 'hunter2' }))
    expect(error.message).toContain('INFLUX_TOKEN: expected at least 20 characters, got (value hidden)')
    expect(error.message).not.toContain('hunter2')
  })

  it('reports a cross-field rule with its own message', () => {
    const paired = z
      .object({ MQTT_USERNAME: z.string().optional(), MQTT_PASSWORD: z.string().optional() })
      .refine((c) => c.MQTT_USERNAME === undefined || c.MQTT_PASSWORD !== undefined, {
        message: 'set MQTT_PASSWORD too when MQTT_USERNAME is set',
        path: ['MQTT_PASSWORD'],
      })
    expect(configErrorOf(() => loadConfig(paired, { MQTT_USERNAME: 'ingest' })).issues).toEqual([
      { variable: 'MQTT_PASSWORD', reason: 'set MQTT_PASSWORD too when MQTT_USERNAME is set' },
    ])
  })

  it('parses the shared groups with their defaults', () => {
    const config = loadConfig(z.object({ ...influxEnv, ...opsEnv }), {
      INFLUX_URL: 'http://127.0.0.1:8086',
      INFLUX_TOKEN: 't',
      INFLUX_ORG: 'millstream',
      INFLUX_BUCKET: 'telemetry',
      HTTP_PORT: '0',
    })
    expect(config).toMatchObject({ LOG_LEVEL: 'info', HTTP_PORT: 0, HTTP_HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: 20_000 })
  })

  it('keeps one bucket for both tiers unless INFLUX_ROLLUP_BUCKET names a second', () => {
    const base = { INFLUX_URL: 'http://127.0.0.1:8086', INFLUX_TOKEN: 't', INFLUX_ORG: 'millstream', INFLUX_BUCKET: 'telemetry' }
    expect(influxBucketsOf(loadConfig(z.object(influxEnv), base))).toEqual({ minutes: 'telemetry', rollups: 'telemetry' })
    expect(influxBucketsOf(loadConfig(z.object(influxEnv), { ...base, INFLUX_ROLLUP_BUCKET: 'telemetry-rollups' }))).toEqual({ minutes: 'telemetry', rollups: 'telemetry-rollups' })
    // Empty is unset (a Compose file's `${INFLUX_ROLLUP_BUCKET:-}`): one bucket.
    expect(influxBucketsOf(loadConfig(z.object(influxEnv), { ...base, INFLUX_ROLLUP_BUCKET: '' })).rollups).toBe('telemetry')
  })

  it('lists every missing shared variable at once', () => {
    const error = configErrorOf(() => loadConfig(z.object({ ...influxEnv, ...opsEnv }), {}))
    expect(error.issues.map((issue) => issue.variable)).toEqual(['INFLUX_URL', 'INFLUX_TOKEN', 'INFLUX_ORG', 'INFLUX_BUCKET', 'HTTP_PORT'])
    expect(new Set(error.issues.map((issue) => issue.reason))).toEqual(new Set(['required']))
  })
})
