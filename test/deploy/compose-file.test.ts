import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { goTool, repoRoot, runTool } from './run-tool.ts'

// No container engine runs here, so the compose file is checked by the compose CLI itself (built
// from the Go module proxy): `config` loads, interpolates and validates it against the Compose
// specification without an engine.
const file = 'deploy/docker-compose.yml'
let compose = ''

describe('Docker Compose file', () => {
  beforeAll(() => {
    compose = goTool('compose')
  }, 1_800_000)

  it('passes docker compose config', () => {
    const run = runTool(compose, ['-f', file, 'config', '--quiet'])
    expect(run.output).toBe('')
    expect(run.status).toBe(0)
  })

  it('names the three servers and their volumes', () => {
    const run = runTool(compose, ['-f', file, 'config', '--services'])
    expect(run.output.trim().split('\n').sort()).toEqual(['influxdb', 'kafka', 'mosquitto'])
    const volumes = runTool(compose, ['-f', file, 'config', '--volumes'])
    expect(volumes.output.trim().split('\n').sort()).toEqual(['influxdb-data', 'kafka-data', 'mosquitto-data'])
  })

  it('runs the services only in the pipeline profile, each with its own InfluxDB token file and no operator token', () => {
    const run = runTool(compose, ['-f', file, '--profile', 'pipeline', 'config', '--services'])
    expect(run.output.trim().split('\n').sort()).toEqual(['aggregator', 'api', 'influx-tokens', 'influxdb', 'ingest', 'kafka', 'mosquitto', 'reports', 'scorer'])
    const resolved = runTool(compose, ['-f', file, '--profile', 'pipeline', 'config', '--format', 'json'])
    expect(resolved.status).toBe(0)
    const services = (JSON.parse(resolved.output) as { services: Record<string, { environment?: Record<string, string> }> }).services
    for (const name of ['aggregator', 'scorer', 'api']) {
      expect(services[name]?.environment?.INFLUX_TOKEN_FILE, name).toBe(`/var/lib/millstream/influx-tokens/${name}.token`)
      expect(services[name]?.environment, name).not.toHaveProperty('INFLUX_TOKEN')
    }
    for (const name of ['ingest', 'reports']) expect(Object.keys(services[name]?.environment ?? {}).filter((k) => k.startsWith('INFLUX_')), name).toEqual([])
    expect(services.api?.environment?.API_JWT_SECRET_FILE).toBe('/run/secrets/api_jwt')
  })

  it('refuses a file that breaks the specification', () => {
    // A misspelt key: the specification closes a service's properties.
    const broken = readFileSync(join(repoRoot, file), 'utf8').replace('services:\n', 'services:\n  broker:\n    imagee: apache/kafka:3.9.1\n')
    expect(broken).toContain('imagee')
    const run = runTool(compose, ['-f', '-', 'config', '--quiet'], broken)
    expect(run.output).toContain('imagee')
    expect(run.status).not.toBe(0)
  })
})
