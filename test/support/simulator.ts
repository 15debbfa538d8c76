import { loadGatewayCredentials, loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { startSimulator, type ChaosConfig, type SimulationReport, type SimulatorRun } from '@millstream/simulator'
import { pino } from 'pino'
import type { SimulatorEncoding } from './batch.ts'
import { servers, uniqueName } from './servers.ts'

const HOUR_MS = 3_600_000

/**
 * Simulates the test plant in fast mode over the real broker, with the gateway credentials the
 * broker was given, and returns the simulator's report of what it sent and injected.
 */
export async function simulateTestPlant(o: { seed: number; fromMs: number; hours: number; chaos: ChaosConfig; encoding?: SimulatorEncoding; onStart?: (run: SimulatorRun) => void }): Promise<SimulationReport> {
  const credentials = loadGatewayCredentials(servers().mqttCredentialsFile)
  const run = await startSimulator(
    {
      registry: loadRegistry(TEST_REGISTRY_PATH),
      registrySource: TEST_REGISTRY_PATH,
      seed: o.seed,
      mode: 'fast',
      fromMs: o.fromMs,
      toMs: o.fromMs + o.hours * HOUR_MS,
      speed: 1,
      periodS: 10,
      heartbeatS: 60,
      tsFormat: 'mixed',
      chaos: o.chaos,
      sink: 'mqtt',
      encoding: o.encoding ?? 'v1',
      mqtt: {
        url: servers().mqttUrl,
        credentials: (firm, plant) => {
          const c = credentials.forPlant(firm, plant)
          if (!c) throw new Error(`no gateway credentials for ${firm}/${plant}`)
          return c
        },
        maxInflight: 100,
        clientIdPrefix: uniqueName('e2e-sim'),
        connectTimeoutMs: 10_000,
      },
      progressIntervalMs: 60_000,
    },
    { logger: pino({ level: 'silent' }), writeLine: () => undefined },
  )
  o.onStart?.(run)
  return (await run.done).report
}
