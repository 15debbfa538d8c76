import { indexRegistry, type ConnectionLostRecord, type DeadLetterRecord, type ProcessOutOfRangeRecord, type TelemetryAnomalyRecord, type TelemetryRecord } from '@millstream/contract'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { deviceBatchValue, deviceRuns } from '../../../test/support/device-batches.ts'
import { restorePartition } from '../src/engine/changelog-records.ts'
import type { SourceMessage } from '../src/engine/dead-letter.ts'
import type { EngineOptions } from '../src/engine/engine-options.ts'
import { createPartitionEngine, type PartitionEngine } from '../src/engine/partition-engine.ts'

/** Test support: the engine over the test registry, with InfluxDB and Kafka played by maps. */
export const TEST_INDEX = indexRegistry(loadRegistry(TEST_REGISTRY_PATH))
export const MIN = 60_000
export const TEST_OPTIONS: EngineOptions = {
  latenessMs: 2 * MIN,
  stalenessMs: 5 * MIN,
  maxSpreadMs: 5 * MIN,
  horizonMs: 30 * MIN,
  partitionGraceMs: 60 * MIN,
  emitDelayMs: 0,
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
type RecordInput = DistributiveOmit<TelemetryRecord, 'v' | 'firm' | 'plant' | 'receivedAt'>

/** Kafka messages of v1 records regrouped as device batch records of up to `size` samples, renumbered from 0 (issue 16). */
export function asBatchMessages(messages: readonly SourceMessage[], size: number): SourceMessage[] {
  const keyed = messages.map((m) => ({ ...m, key: m.key?.toString('utf8') ?? '' }))
  return deviceRuns(keyed, size).map((run, i) => {
    const last = run.at(-1) as (typeof run)[number]
    return { ...last, offset: String(i), key: Buffer.from(last.key), value: Buffer.from(deviceBatchValue(run.map((m) => String(m.value)))) }
  })
}

/** A Kafka message carrying a v1 record of the test plant. */
export function message(offset: number, record: RecordInput): SourceMessage {
  const full = { v: 1, firm: 'test-firm', plant: 'test-plant', receivedAt: record.ts, ...record }
  return {
    topic: 'in',
    partition: 0,
    offset: String(offset),
    key: Buffer.from(`test-firm/test-plant/${record.line}/${record.device}`),
    value: Buffer.from(JSON.stringify(full)),
    timestamp: String(record.ts),
  }
}

export interface SimulatedSinks {
  influx: Map<string, string>
  deadLetters: DeadLetterRecord[]
  anomalies: TelemetryAnomalyRecord[]
  processEvents: ProcessOutOfRangeRecord[]
  connectionLosses: ConnectionLostRecord[]
  writes: number
}

export function createSinks(): SimulatedSinks {
  return { influx: new Map(), deadLetters: [], anomalies: [], processEvents: [], connectionLosses: [], writes: 0 }
}

/** One step as the adapters do it: write pending points and dead letters, keep the changelog, commit. */
export function step(engine: PartitionEngine, sinks: SimulatedSinks, changelog: Map<string, string>): void {
  const out = engine.pending()
  for (const [key, line] of out.points) sinks.influx.set(key, line)
  sinks.writes += out.points.size
  sinks.deadLetters.push(...out.deadLetters.map((d) => d.record))
  sinks.anomalies.push(...out.anomalies)
  sinks.processEvents.push(...out.processEvents)
  sinks.connectionLosses.push(...out.connectionLosses)
  for (const r of engine.changelog()) changelog.set(r.key, r.value)
  engine.commit()
}

export function newEngine(changelog?: Map<string, string>, options: EngineOptions = TEST_OPTIONS): PartitionEngine {
  return createPartitionEngine({
    topic: 'in',
    partition: 0,
    registry: TEST_INDEX,
    options,
    ...(changelog ? { restored: restorePartition(changelog) } : {}),
  })
}

/** Runs messages through one engine, stepping after each, then lets progress run far ahead. */
export function runUninterrupted(messages: readonly SourceMessage[], endProgressMs: number, options: EngineOptions = TEST_OPTIONS): SimulatedSinks {
  const sinks = createSinks()
  const changelog = new Map<string, string>()
  const engine = newEngine(undefined, options)
  for (const m of messages) {
    engine.apply(m)
    engine.advance(engine.streamTimeMs)
    step(engine, sinks, changelog)
  }
  engine.advance(endProgressMs)
  step(engine, sinks, changelog)
  return sinks
}

/** Points of one measurement, by series then time. */
export function linesOf(influx: ReadonlyMap<string, string>, measurement: string): string[] {
  const seriesAndTime = (l: string) => {
    const parts = l.split(' ')
    return [parts[0] ?? '', Number(parts[2])] as const
  }
  return [...influx.values()]
    .filter((l) => l.startsWith(`${measurement},`))
    .sort((a, b) => {
      const [sa, ta] = seriesAndTime(a)
      const [sb, tb] = seriesAndTime(b)
      return sa < sb ? -1 : sa > sb ? 1 : ta - tb
    })
}

/** The fields of a line as numbers. */
export function fieldsOf(line: string): Record<string, number> {
  const fieldText = line.split(' ')[1] ?? ''
  return Object.fromEntries(fieldText.split(',').map((kv) => {
    const [k = '', v = ''] = kv.split('=')
    return [k, Number(v.replace(/i$/, ''))]
  }))
}
