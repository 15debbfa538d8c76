import { writeFile } from 'node:fs/promises'
import type { Logger } from 'pino'
import { systemClock, type Clock } from './clock.ts'
import { runPlants } from './plants-runner.ts'
import { progressLine, summaryLines } from './progress.ts'
import { createBatchingSink } from './publish/batching-sink.ts'
import { createMqttSink } from './publish/mqtt-sink.ts'
import { createNdjsonSink, createNullSink } from './publish/simple-sinks.ts'
import { createSparkplugSink } from './publish/sparkplug-sink.ts'
import type { Sink } from './publish/sink.ts'
import { createLedger, type LedgerCounts } from './report/ledger.ts'
import type { SimulationReport } from './report/report-types.ts'
import { createPlantSimulation, type PlantSimulation } from './sim/plant-simulation.ts'
import type { SimulatorOptions } from './simulator-options.ts'

export interface SimulatorDeps {
  logger: Logger
  clock?: Clock
  /** Overrides the sink chosen by `options.sink` (tests use an in-memory one). */
  createSink?: (plant: { firm: string; plant: string }) => Sink
  /** Progress and summary lines (stderr in main.ts). */
  writeLine?: (line: string) => void
}

export interface SimulatorSummary {
  report: SimulationReport
  elapsedMs: number
  ackedPerS: number
}

export interface RunStatus {
  counts: LedgerCounts
  /** The simulated instant every plant has reached. */
  simNowMs: number
  running: boolean
}

export interface SimulatorRun {
  /** Stops generating, drains what is in flight, writes the report. Idempotent. */
  stop(): Promise<SimulatorSummary>
  done: Promise<SimulatorSummary>
  status(): RunStatus
}

/** Starts one connection and one simulation per plant, run in step (runPlants); resolves `done` when the period ends or stop() is called. */
export async function startSimulator(options: SimulatorOptions, deps: SimulatorDeps): Promise<SimulatorRun> {
  const clock = deps.clock ?? systemClock
  const log = deps.logger.child({ component: 'simulator' })
  const writeLine = deps.writeLine ?? (() => undefined)
  const ledger = createLedger()
  const plants = options.registry.firms.flatMap((firm) => firm.plants.map((plant) => ({ firm, plant })))
  const sims: PlantSimulation[] = plants.map(({ firm, plant }) =>
    createPlantSimulation({
      firm, plant, seed: options.seed, ...(options.boot === undefined ? {} : { boot: options.boot }), startMs: options.fromMs, periodS: options.periodS, heartbeatS: options.heartbeatS, chaos: options.chaos,
      tsFormat: options.tsFormat === 'mixed' ? mixedFormatOf(`${firm.id}/${plant.id}`) : options.tsFormat,
      // The Sparkplug edge maps no gauges (docs/process-gauges.md): its plants publish no process channel.
      processChannel: options.encoding !== 'sparkplug',
    }),
  )
  const abort = new AbortController()
  const sinks = plants.map(({ firm, plant }) => (deps.createSink ?? defaultSink(options, deps, () => abort.abort()))({ firm: firm.id, plant: plant.id }))
  try {
    await Promise.all(sinks.map((s) => s.start()))
  } catch (err) {
    await Promise.allSettled(sinks.map((s) => s.stop()))
    throw err
  }
  const wallStartMs = clock.now()
  log.info({ plants: plants.length, mode: options.mode, seed: options.seed, from: new Date(options.fromMs).toISOString() }, 'simulation started')

  let previousAcked = 0
  const progressTimer = setInterval(() => {
    const simNowMs = Math.min(...sims.map((s) => s.nowMs))
    writeLine(progressLine({ simNowMs, counts: ledger.counts(), previousAcked, intervalMs: options.progressIntervalMs }))
    previousAcked = ledger.counts().acked
  }, options.progressIntervalMs)
  progressTimer.unref()

  const run = runPlants({
    plants: sims.map((sim, i) => ({ sim, sink: sinks[i] as Sink })), ledger, clock, signal: abort.signal, mode: options.mode, fromMs: options.fromMs, toMs: options.toMs,
    speed: options.speed, stepMs: options.mode === 'fast' ? Math.max(options.periodS * 1000, 60_000) : 250,
    ...(options.mode === 'realtime' && options.backfillMs ? { catchUpToMs: options.fromMs + options.backfillMs, catchUpStepMs: Math.max(options.periodS * 1000, 60_000) } : {}),
  })

  let running = true
  const done = (async (): Promise<SimulatorSummary> => {
    const [result] = await Promise.allSettled([run])
    running = false
    clearInterval(progressTimer)
    await Promise.allSettled(sinks.map((s) => s.stop()))
    if (result?.status === 'rejected') throw result.reason
    const reachedMs = Math.min(...sims.map((s) => s.nowMs))
    const report = ledger.report(
      {
        seed: options.seed, mode: options.mode, registry: options.registrySource, plants: plants.map(({ firm, plant }) => `${firm.id}/${plant.id}`),
        fromMs: options.fromMs, toMs: reachedMs, periodS: options.periodS, heartbeatS: options.heartbeatS, chaos: options.chaos,
      },
      sims.map((s) => s.injections),
    )
    if (options.reportPath) await writeFile(options.reportPath, `${JSON.stringify(report, null, 1)}\n`)
    const elapsedMs = clock.now() - wallStartMs
    writeLine(summaryLines({ counts: ledger.counts(), elapsedMs, fromMs: options.fromMs, toMs: reachedMs, injected: report.injected, reportPath: options.reportPath }))
    return { report, elapsedMs, ackedPerS: report.totals.acked / Math.max(elapsedMs / 1000, 0.001) }
  })()

  return {
    stop() {
      abort.abort()
      return done
    },
    done,
    status: () => ({ counts: { ...ledger.counts() }, simNowMs: Math.min(...sims.map((s) => s.nowMs)), running }),
  }
}

/** `mixed`: half the plants send RFC 3339, half epoch ms, decided by the plant's own ids so a plant's stream never depends on which others run. */
function mixedFormatOf(plantKey: string): 'rfc3339' | 'epoch' {
  let sum = 0
  for (let i = 0; i < plantKey.length; i++) sum += plantKey.charCodeAt(i)
  return sum % 2 === 0 ? 'rfc3339' : 'epoch'
}

function defaultSink(options: SimulatorOptions, deps: SimulatorDeps, stopAll: () => void): (p: { firm: string; plant: string }) => Sink {
  const plainSink = transportSink(options, deps, stopAll)
  // Batches wrap the plain MQTT sink; v1 and Sparkplug B (its own sink, below) publish sample by sample.
  if (options.encoding !== 'batch') return plainSink
  return (p) => createBatchingSink(plainSink(p), { ...p, batchSize: options.batchSize ?? 100, maxDelayMs: BATCH_MAX_DELAY_MS })
}

/** A gateway holds a batch that is not full at most this long (wall time), so live data stays live. */
const BATCH_MAX_DELAY_MS = 1000

function transportSink(options: SimulatorOptions, deps: SimulatorDeps, stopAll: () => void): (p: { firm: string; plant: string }) => Sink {
  if (options.sink === 'null') return () => createNullSink()
  if (options.sink === 'stdout') {
    const shared = createNdjsonSink(process.stdout, stopAll)
    return () => shared
  }
  const mqtt = options.mqtt
  if (!mqtt) throw new Error('sink mqtt needs options.mqtt')
  return ({ firm, plant }) => {
    const { username, password } = mqtt.credentials(firm, plant)
    const sinkOptions = {
      url: mqtt.url, username, password, clientId: `${mqtt.clientIdPrefix}-${firm}-${plant}`.slice(0, 64), maxInflight: mqtt.maxInflight,
      connectTimeoutMs: mqtt.connectTimeoutMs, logger: deps.logger,
    }
    // Sparkplug B: the plant's gateway is an edge node, its machines and meters its devices.
    const plantOf = () => options.registry.firms.find((f) => f.id === firm)?.plants.find((p) => p.id === plant)
    const sparkplugPlant = options.encoding === 'sparkplug' ? plantOf() : undefined
    return sparkplugPlant ? createSparkplugSink({ ...sinkOptions, firm, plant: sparkplugPlant }) : createMqttSink(sinkOptions)
  }
}
