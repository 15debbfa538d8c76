import { randomUUID } from 'node:crypto'
import { anomalyKey, connectionLostKey, processEventKey } from '@millstream/contract'
import { AppError, type Logger } from '@millstream/runtime'
import { cachedPartitioner } from '@millstream/kafka'
import { CompressionTypes, type Kafka, type Producer, type TopicMessages } from 'kafkajs'
import { RESTORE_MARKER_KEY } from '../engine/changelog-records.ts'
import type { PartitionEngine } from '../engine/partition-engine.ts'
import type { InfluxWriter } from '../influx/influx-writer.ts'
import type { AggregatorMetrics } from '../aggregator-metrics.ts'
import { createLock, type Lock } from './lock.ts'

export interface TaskTopics {
  input: string
  changelog: string
  live: string
  dlq: string
  anomaly: string
  /** Plant hours whose machine hours a step wrote, for the line roll-up stage (issue 13). */
  machineHours: string
}

export interface PartitionTaskDeps {
  kafka: Kafka
  partition: number
  topics: TaskTopics
  groupId: string
  transactionTimeoutMs: number
  writer: InfluxWriter
  metrics: AggregatorMetrics
  logger: Logger
}

/**
 * One input partition owned by this instance: its engine, its transactional producer and the
 * step that makes its progress durable. The producer's transactional id is the partition's, so
 * the next owner's initialization fences this one (Kafka EOS, KIP-98): two owners never commit.
 */
export interface PartitionTask {
  readonly partition: number
  readonly lock: Lock
  engine: PartitionEngine | undefined
  /** Highest progress (event time) the engine has been advanced to. */
  progressMs: number
  lastStepAtMs: number
  /** Wall time of the last input record, or of the opening. */
  lastInputAtMs: number
  /** Whether the consumer has read everything written to the partition so far. */
  caughtUp: boolean
  /** Initializes the producer (fencing the previous owner) and writes a restore marker; returns it. */
  fence(): Promise<string>
  /** Writes pending points, then commits live records, dead letters, changelog and offset in one transaction. */
  step(): Promise<void>
  close(): Promise<void>
}

export function createPartitionTask(deps: PartitionTaskDeps): PartitionTask {
  const { partition, topics } = deps
  const log = deps.logger.child({ component: 'aggregator.task', partition })
  const producer: Producer = deps.kafka.producer({
    transactionalId: `${deps.groupId}.${topics.input}.${partition}`,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: deps.transactionTimeoutMs,
    createPartitioner: cachedPartitioner,
  })
  let connected = false
  const connect = async () => {
    if (connected) return
    await producer.connect()
    connected = true
  }

  const task: PartitionTask = {
    partition,
    lock: createLock(),
    engine: undefined,
    progressMs: 0,
    lastStepAtMs: Date.now(),
    lastInputAtMs: Date.now(),
    caughtUp: false,
    async fence() {
      await connect()
      const marker = randomUUID()
      const txn = await producer.transaction()
      try {
        await txn.send({ topic: topics.changelog, messages: [{ key: RESTORE_MARKER_KEY, value: marker, partition }] })
        await txn.commit()
      } catch (err) {
        await txn.abort().catch(() => undefined)
        throw err
      }
      return marker
    },
    async step() {
      const engine = task.engine
      if (!engine) throw new AppError(`partition ${partition} has no state`, { code: 'task_not_open', retriable: false })
      const started = performance.now()
      const out = engine.pending()
      const changelog = engine.changelog()
      const topicMessages: TopicMessages[] = [
        { topic: topics.changelog, messages: changelog.map((r) => ({ key: r.key, value: r.value, partition })) },
      ]
      if (out.live.size > 0) {
        topicMessages.push({ topic: topics.live, messages: [...out.live.values()].map((r) => ({ key: `${r.firm}/${r.plant}/${r.line}/${r.device}`, value: JSON.stringify(r) })) })
      }
      if (out.deadLetters.length > 0) {
        topicMessages.push({ topic: topics.dlq, messages: out.deadLetters.map((d) => ({ key: d.key, value: JSON.stringify(d.record) })) })
      }
      if (out.anomalies.length > 0 || out.processEvents.length > 0 || out.connectionLosses.length > 0) {
        const anomalies = out.anomalies.map((a) => ({ key: anomalyKey(a), value: JSON.stringify(a) }))
        // Process readings out of their plausible range and losses of a machine's live state are data-quality events of the same topic (issue 16).
        const events = out.processEvents.map((e) => ({ key: processEventKey(e), value: JSON.stringify(e) }))
        const losses = out.connectionLosses.map((e) => ({ key: connectionLostKey(e), value: JSON.stringify(e) }))
        topicMessages.push({ topic: topics.anomaly, messages: [...anomalies, ...events, ...losses] })
      }
      if (out.machineHours.size > 0) {
        topicMessages.push({ topic: topics.machineHours, messages: [...out.machineHours.values()].map((h) => ({ key: `${h.firm}/${h.plant}`, value: JSON.stringify(h) })) })
      }
      const txn = await producer.transaction()
      try {
        // Sending first proves this producer is not fenced before anything reaches InfluxDB.
        await txn.sendBatch({ topicMessages, compression: CompressionTypes.GZIP, acks: -1 })
        const writeStarted = performance.now()
        try {
          await deps.writer.write([...out.points.values()])
        } catch (err) {
          deps.metrics.influxFailures.inc()
          throw err
        }
        deps.metrics.influxWrite.observe((performance.now() - writeStarted) / 1000)
        if (engine.nextOffset !== null) {
          await txn.sendOffsets({ consumerGroupId: deps.groupId, topics: [{ topic: topics.input, partitions: [{ partition, offset: engine.nextOffset }] }] })
        }
        await txn.commit()
      } catch (err) {
        await txn.abort().catch((abortErr: unknown) => log.warn({ err: abortErr }, 'abort failed'))
        throw err
      }
      deps.metrics.pointsWritten.inc(out.points.size)
      deps.metrics.liveRecords.inc(out.live.size)
      deps.metrics.machineHoursSent.inc(out.machineHours.size)
      for (const d of out.deadLetters) deps.metrics.deadLettered.inc({ reason: d.record.reason })
      for (const a of out.anomalies) deps.metrics.anomalies.inc({ reason: a.reason })
      if (out.processEvents.length > 0) deps.metrics.anomalies.inc({ reason: 'out_of_range' }, out.processEvents.length)
      if (out.connectionLosses.length > 0) deps.metrics.anomalies.inc({ reason: 'connection_lost' }, out.connectionLosses.length)
      deps.metrics.steps.inc()
      deps.metrics.stepSeconds.observe((performance.now() - started) / 1000)
      engine.commit()
      task.lastStepAtMs = Date.now()
    },
    async close() {
      if (connected) await producer.disconnect().catch((err: unknown) => log.warn({ err }, 'producer disconnect failed'))
      connected = false
    },
  }
  return task
}

/** InfluxDB failures are retried in place; any other step failure drops the task (restore again). */
export function isInfluxFailure(err: unknown): boolean {
  return err instanceof AppError && err.code.startsWith('influx_')
}
