import { afterEach, describe, expect, it } from 'vitest'
import { captureLogger } from './capture-logger.ts'
import { createMetricsRegistry } from './metrics/metrics-registry.ts'
import { startOpsServer } from './start-ops-server.ts'
import type { OpsServer, OpsServerOptions } from './start-ops-server.ts'

let server: OpsServer | undefined

afterEach(async () => {
  await server?.stop()
  server = undefined
})

async function start(options: Partial<OpsServerOptions> = {}): Promise<string> {
  const { logger } = captureLogger()
  server = await startOpsServer({ port: 0, logger, metrics: createMetricsRegistry(), ...options })
  return `http://127.0.0.1:${server.port}`
}

describe('startOpsServer', () => {
  it('listens on an ephemeral port when asked for port 0', async () => {
    await start()
    expect(server?.port).toBeGreaterThan(0)
  })

  it('answers /healthz with 200 while the process is up', async () => {
    const res = await fetch(`${await start()}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('answers /readyz with 200 when every check is ok', async () => {
    const url = await start({ readiness: { kafka: () => true, influx: async () => ({ ok: true }) } })
    const res = await fetch(`${url}/readyz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ready', checks: ['kafka', 'influx'] })
  })

  it('answers /readyz with 503 listing the failing checks and why', async () => {
    const url = await start({
      readiness: {
        kafka: () => true,
        influx: () => ({ ok: false, reason: 'bucket telemetry not found' }),
        mqtt: () => false,
        registry: () => {
          throw new Error('registry not loaded')
        },
      },
    })
    const res = await fetch(`${url}/readyz`)
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({
      status: 'not_ready',
      failing: [
        { name: 'influx', reason: 'bucket telemetry not found' },
        { name: 'mqtt', reason: 'not ready' },
        { name: 'registry', reason: 'registry not loaded' },
      ],
    })
  })

  it('serves /metrics in the Prometheus text format', async () => {
    const metrics = createMetricsRegistry({ processMetrics: false })
    metrics.counter({ name: 'millstream_test_total', help: 'A test counter.' }).inc(3)
    const res = await fetch(`${await start({ metrics })}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(await res.text()).toBe('# HELP millstream_test_total A test counter.\n# TYPE millstream_test_total counter\nmillstream_test_total 3\n')
  })

  it('answers 500 and logs when rendering metrics fails', async () => {
    const { logger, lines } = captureLogger()
    const metrics = createMetricsRegistry()
    metrics.gauge({ name: 'broken', help: 'x', collect: () => {
      throw new Error('collector broke')
    } })
    server = await startOpsServer({ port: 0, logger, metrics })
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`)
    expect(res.status).toBe(500)
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'ops request failed', component: 'ops-server', err: expect.objectContaining({ message: 'collector broke' }) }))
  })

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    const url = await start()
    expect((await fetch(`${url}/nope`)).status).toBe(404)
    expect((await fetch(`${url}/constructor`)).status).toBe(404)
    const post = await fetch(`${url}/healthz`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
  })

  it('ignores the query string', async () => {
    expect((await fetch(`${await start()}/healthz?probe=1`)).status).toBe(200)
  })

  it('stops listening on stop(), and a second stop() is harmless', async () => {
    const url = await start()
    await server?.stop()
    await server?.stop()
    await expect(fetch(`${url}/healthz`)).rejects.toThrow()
  })

  it('fails to start with ops_listen_failed when the port is taken', async () => {
    await start()
    const { logger } = captureLogger()
    const taken = startOpsServer({ port: server?.port ?? 0, logger, metrics: createMetricsRegistry() })
    await expect(taken).rejects.toMatchObject({ code: 'ops_listen_failed', retriable: false })
  })
})
