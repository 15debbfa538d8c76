import { machineHoursRecordSchema, type MachineHoursRecord } from '@millstream/contract'
import { createSampledWarning, type Logger } from '@millstream/runtime'
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs'
import type { InfluxWriter } from '../influx/influx-writer.ts'
import { rollupHour, type HourSumsSource } from './rollup-hour.ts'

export interface RollupConsumerDeps {
  kafka: Kafka
  topic: string
  groupId: string
  fromBeginning: boolean
  sessionTimeoutMs: number
  source: HourSumsSource
  writer: InfluxWriter
  logger: Logger
  /** Whether the plant is one of this deployment's (its registry): the stage sums no other plant's hours. */
  knowsPlant: (firm: string, plant: string) => boolean
  /** After a batch: the plant hours summed, how long it took, and each hour's wait since its first record reached Kafka. */
  onRolledUp?: (count: number, seconds: number, delaysSeconds: number[]) => void
  /** A record skipped: not a machine-hours record, or of a plant outside the registry. */
  onSkipped?: (reason: RollupSkip) => void
}

export type RollupSkip = 'malformed' | 'unknown_plant'

/** Hours summed at once within a batch (each is two small queries and two writes). */
const CONCURRENCY = 4

/**
 * Kafka holds a fetch until this much has gathered or the wait is over. Machine-hours records are
 * small, so a fetch mostly waits the whole second, and the records of every step in that second
 * come in one batch: a plant hour that many steps rewrite (a catch-up) is summed about once a
 * second, not once per step. In a catch-up of 540,240 samples this halved the hours summed and
 * cut InfluxDB's CPU by a fifth (docs/performance.md). The store reads roll-ups only of hours
 * that ended 2 h ago, so a second's wait changes nothing a reader sees.
 */
const FETCH_MIN_BYTES = 1 << 20
const FETCH_MAX_WAIT_MS = 1_000

/**
 * The line roll-up stage (issue 13): a consumer group on `mill.machine-hours.v1` (read_committed,
 * so each record's machine hours are already in InfluxDB) that sums each named plant hour again
 * and writes its line and plant roll-ups, then commits the batch's offsets. At-least-once over an
 * idempotent write: a crash replays records and writes the same sums again; a late minute that
 * changed a machine hour sends a new record, so the roll-up follows (docs/aggregator.md).
 */
export function createRollupConsumer(deps: RollupConsumerDeps) {
  const log = deps.logger.child({ component: 'aggregator.rollup' })
  const warnedPlants = new Set<string>()
  /** Once per plant (at most 100): a stray producer could otherwise fill the log. */
  const warnUnknownPlant = (record: MachineHoursRecord, offset: string, partition: number) => {
    const plant = `${record.firm}/${record.plant}`
    if (warnedPlants.has(plant) || warnedPlants.size >= 100) return
    warnedPlants.add(plant)
    log.warn({ plant, offset, partition }, 'machine-hours record of a plant outside the registry; skipped (and the plant\'s further records, without a warning)')
  }
  /** Every one is counted (onSkipped); the log says so at most once a minute, for the same reason. */
  const warnMalformed = createSampledWarning(log, 'machine-hours records that are not JSON of its schema are skipped (occurrences: since the last warning)')
  const consumer: Consumer = deps.kafka.consumer({ groupId: deps.groupId, sessionTimeout: deps.sessionTimeoutMs, heartbeatInterval: Math.max(500, Math.floor(deps.sessionTimeoutMs / 10)), minBytes: FETCH_MIN_BYTES, maxWaitTimeInMs: FETCH_MAX_WAIT_MS, readUncommitted: false })

  const eachBatch = async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) => {
    // One sum per plant hour of the batch: the last record of an hour asks for the same as the first.
    const hours = new Map<string, MachineHoursRecord>()
    const firstSentAt = new Map<string, number>()
    for (const m of batch.messages) {
      // Whatever else is on the topic is skipped with a reason: it must never stop the stage.
      const record = machineHoursRecord(m.value)
      if (record === undefined) {
        deps.onSkipped?.('malformed')
        warnMalformed({ offset: m.offset, partition: batch.partition })
        continue
      }
      if (!deps.knowsPlant(record.firm, record.plant)) {
        deps.onSkipped?.('unknown_plant')
        warnUnknownPlant(record, m.offset, batch.partition)
        continue
      }
      const key = `${record.firm}/${record.plant}@${record.hourStartMs}`
      if (!firstSentAt.has(key)) firstSentAt.set(key, Number(m.timestamp))
      hours.set(key, record)
    }
    const started = performance.now()
    const todo = [...hours.values()]
    while (todo.length > 0) {
      if (!isRunning() || isStale()) return
      await Promise.all(todo.splice(0, CONCURRENCY).map((h) => rollupHour({ source: deps.source, writer: deps.writer, firm: h.firm, plant: h.plant, hourStartMs: h.hourStartMs })))
      await heartbeat()
    }
    const now = Date.now()
    deps.onRolledUp?.(hours.size, (performance.now() - started) / 1000, [...firstSentAt.values()].map((t) => Math.max(0, now - t) / 1000))
    const last = batch.messages.at(-1)
    if (last) resolveOffset(last.offset)
    await commitOffsetsIfNecessary()
  }

  return {
    async start() {
      await consumer.connect()
      await consumer.subscribe({ topic: deps.topic, fromBeginning: deps.fromBeginning })
      await consumer.run({ autoCommit: true, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 2, eachBatch })
    },
    async stop() {
      await consumer.disconnect()
    },
  }
}

function machineHoursRecord(value: Buffer | null): MachineHoursRecord | undefined {
  let json: unknown
  try {
    json = JSON.parse(value?.toString('utf8') ?? 'null')
  } catch {
    return undefined
  }
  const parsed = machineHoursRecordSchema.safeParse(json)
  return parsed.success ? parsed.data : undefined
}
