import { TEST_REGISTRY_PATH, loadRegistry } from '@millstream/seeds'
import { pino } from 'pino'
import { startSimulator, type SimulatorSummary } from '../app.ts'
import type { Clock } from '../clock.ts'
import type { PublishOutcome } from '../report/publish-outcome.ts'
import type { SimMessage } from '../sim/sim-message.ts'
import type { SimulatorOptions } from '../simulator-options.ts'
import { NO_CHAOS, type ChaosConfig } from '../chaos/chaos-config.ts'

export const TEST_START_MS = Date.parse('2026-03-02T06:00:00+08:00')

/**
 * Runs the simulator in-process (on the test registry unless `registryPath` names another); the
 * sinks record what they got, in the order they got it, and answer with `outcome`, after
 * `publishDelay(plant)` wall ms (a slow connection) when given.
 */
export async function runInProcess(o: {
  registryPath?: string
  publishDelay?: (plant: { firm: string; plant: string }) => Promise<void> | undefined
  chaos?: ChaosConfig
  hours?: number
  mode?: 'fast' | 'realtime'
  toMs?: number
  backfillMs?: number
  clock?: Clock
  reportPath?: string
  outcome?: (m: SimMessage) => PublishOutcome
  onStarted?: (run: { stop(): Promise<SimulatorSummary> }) => void
}): Promise<{ summary: SimulatorSummary; received: SimMessage[]; lines: string[] }> {
  const received: SimMessage[] = []
  const lines: string[] = []
  const options: SimulatorOptions = {
    registry: loadRegistry(o.registryPath ?? TEST_REGISTRY_PATH), registrySource: o.registryPath ?? TEST_REGISTRY_PATH, seed: 5, mode: o.mode ?? 'fast',
    fromMs: TEST_START_MS, ...(o.backfillMs === undefined ? {} : { backfillMs: o.backfillMs }), toMs: o.toMs ?? TEST_START_MS + (o.hours ?? 2) * 3_600_000, speed: 60, periodS: 10, heartbeatS: 60, tsFormat: 'mixed',
    chaos: o.chaos ?? NO_CHAOS, sink: 'null', progressIntervalMs: 60_000, ...(o.reportPath ? { reportPath: o.reportPath } : {}),
  }
  const run = await startSimulator(options, {
    logger: pino({ level: 'silent' }),
    ...(o.clock ? { clock: o.clock } : {}),
    writeLine: (line) => lines.push(line),
    createSink: (plant) => ({
      start: async () => undefined,
      stop: async () => undefined,
      publish: async (m, settled) => {
        await o.publishDelay?.(plant)
        received.push(m)
        settled(o.outcome?.(m) ?? { kind: 'acked' })
      },
    }),
  })
  o.onStarted?.(run)
  return { summary: await run.done, received, lines }
}
