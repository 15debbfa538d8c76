import type { RegistryIndex, RejectionCode } from '@millstream/contract'
import type { Logger } from '@millstream/runtime'
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs'
import type { AggregatorMetrics } from '../aggregator-metrics.ts'
import type { AggregatorConfig } from '../config.ts'
import type { EngineOptions } from '../engine/engine-options.ts'
import type { RecordOutcome } from '../engine/partition-engine.ts'
import { createPlanCache } from '../engine/plan-cache.ts'
import type { InfluxWriter } from '../influx/influx-writer.ts'
import { createClock, type Clock } from './clock.ts'
import { openPartitions } from './open-partitions.ts'
import { createPartitionBook } from './partition-book.ts'
import { createPartitionTask, type PartitionTask, type TaskTopics } from './partition-task.ts'
import { heartbeatWhile, stepWithRetry } from './step-with-retry.ts'

export interface AggregatorConsumerDeps {
  kafka: Kafka
  config: AggregatorConfig
  registry: RegistryIndex
  options: EngineOptions
  writer: InfluxWriter
  metrics: AggregatorMetrics
  logger: Logger
  onOutcome: (outcome: RecordOutcome, reason?: RejectionCode) => void
  /** The consumer crashed for good (kafkajs gave up): the process should exit and be restarted. */
  onFatal: (err: unknown) => void
}

export interface AggregatorConsumer {
  start(): Promise<void>
  /** Pauses input, lets the running batch end, commits a last step per partition, leaves the group. */
  stop(): Promise<void>
  readonly joined: boolean
  readonly influxOk: boolean
  tasks(): PartitionTask[]
  /** Input records not yet read, per owned partition. */
  lag(): ReadonlyMap<number, number>
}

/** The consumer group member: membership, the batch loop, the clock and stop; the partitions' tasks are the book's (partition-book.ts). */
export function createAggregatorConsumer(deps: AggregatorConsumerDeps): AggregatorConsumer {
  const { config, kafka } = deps
  const log = deps.logger.child({ component: 'aggregator.consumer' })
  const topics: TaskTopics = { input: config.AGG_INPUT_TOPIC, changelog: config.AGG_CHANGELOG_TOPIC, live: config.AGG_LIVE_TOPIC, dlq: config.AGG_DLQ_TOPIC, anomaly: config.AGG_ANOMALY_TOPIC, machineHours: config.AGG_MACHINE_HOURS_TOPIC }
  const consumer: Consumer = kafka.consumer({
    groupId: config.AGG_GROUP_ID,
    sessionTimeout: config.AGG_SESSION_TIMEOUT,
    heartbeatInterval: Math.max(500, Math.floor(config.AGG_SESSION_TIMEOUT / 10)),
    maxWaitTimeInMs: 250,
    maxBytesPerPartition: config.AGG_FETCH_PARTITION_BYTES,
    maxBytes: config.AGG_FETCH_BYTES,
    readUncommitted: false,
  })
  const plans = createPlanCache()
  const book = createPartitionBook<PartitionTask>({
    open: (partitions) => {
      const fresh = partitions.map((partition) => createPartitionTask({ kafka, partition, topics, groupId: config.AGG_GROUP_ID, transactionTimeoutMs: config.AGG_TRANSACTION_TIMEOUT, writer: deps.writer, metrics: deps.metrics, logger: deps.logger }))
      const started = performance.now()
      const ready = openPartitions(fresh, { kafka, topics, groupId: config.AGG_GROUP_ID, registry: deps.registry, options: deps.options, plans, restoreTimeoutMs: Math.max(60_000, config.AGG_SESSION_TIMEOUT), logger: log, onOutcome: deps.onOutcome })
        .then(() => deps.metrics.restoreSeconds.observe((performance.now() - started) / 1000))
      return { tasks: fresh, ready }
    },
    onOpenFailed: (err, partitions) => log.warn({ err, partitions }, 'opening partitions failed; will retry on their next batch'),
    onBroken: (task, reason, err) => {
      deps.metrics.taskFailures.inc({ reason })
      log.warn({ err, partition: task.partition }, 'partition task dropped; its state will be restored from the changelog')
    },
  })
  /**
   * The first input offset applied to each partition whose restored state was empty. A task
   * dropped before its first commit (a transaction that failed on a broker's SIGKILL) is restored
   * with no offset; without this the consumer would go on after the records of the aborted step.
   */
  const firstApplied = new Map<number, string>()
  let joined = false
  let influxOk = true
  let stopping = false
  /** Batches being applied or stepped: one per partition, several partitions at once. */
  const inFlight = new Set<Promise<void>>()
  /**
   * A task dropped as broken is opened again at once, and the consumer sent back to where its
   * restored state ends. Waiting for the partition's next batch to do it is not enough: the failed
   * step may have been its last (a clock step after the last record), and its minutes would wait
   * for a record that may never come.
   */
  const reopen = async (partition: number): Promise<void> => {
    if (stopping || !book.assigned.has(partition)) return
    const task = await book.taskFor(partition)
    if (stopping || !book.assigned.has(partition)) return
    if (!task?.engine) {
      setTimeout(() => void reopen(partition).catch((err: unknown) => log.warn({ err, partition }, 'reopening a dropped partition failed')), 2_000).unref()
      return
    }
    const resumeAt = task.engine.nextOffset ?? firstApplied.get(partition)
    if (resumeAt !== undefined && resumeAt !== null) consumer.seek({ topic: topics.input, partition, offset: resumeAt })
  }
  const dropBroken = async (task: PartitionTask, err: unknown) => {
    await book.drop(task, 'kafka', err)
    void reopen(task.partition).catch((reopenErr: unknown) => log.warn({ err: reopenErr, partition: task.partition }, 'reopening a dropped partition failed'))
  }

  const onGroupJoin = (payload: { memberId: string; memberAssignment: Record<string, number[]> }) => {
    joined = true
    clock?.resume()
    const opening = book.assign(payload.memberId, payload.memberAssignment[topics.input] ?? [])
    log.info({ assigned: [...book.assigned].sort((a, b) => a - b), opening }, 'partitions assigned')
  }

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    const task = await heartbeatWhile(book.taskFor(batch.partition), heartbeat)
    if (!task || stopping) return
    await task.lock.run(async () => {
      const engine = task.engine
      if (!engine || isStale()) return
      const first = batch.messages[0]
      // Where the state ends: the restored offset, or, for a partition nothing was ever committed
      // for, the first record this member applied to it (its start under the group's reset policy).
      const resumeAt = engine.nextOffset ?? firstApplied.get(batch.partition) ?? null
      if (first && resumeAt !== null && BigInt(first.offset) > BigInt(resumeAt)) {
        // The consumer is ahead of the state (the task was dropped and restored): go back, so the
        // records of the aborted step are applied again rather than skipped.
        consumer.seek({ topic: topics.input, partition: batch.partition, offset: resumeAt })
        return
      }
      if (first && engine.nextOffset === null && !firstApplied.has(batch.partition)) firstApplied.set(batch.partition, first.offset)
      for (const m of batch.messages) engine.apply({ topic: topics.input, partition: batch.partition, offset: m.offset, key: m.key, value: m.value, timestamp: m.timestamp })
      const last = batch.messages.at(-1)
      if (last) resolveOffset(last.offset)
      task.lastInputAtMs = Date.now()
      task.caughtUp = engine.nextOffset !== null && BigInt(engine.nextOffset) >= BigInt(batch.highWatermark)
      task.progressMs = Math.max(task.progressMs, engine.streamTimeMs)
      engine.advance(task.progressMs)
      const due = Date.now() - task.lastStepAtMs >= config.AGG_COMMIT_INTERVAL || engine.stats().pendingPoints >= config.AGG_MAX_PENDING_POINTS
      if (due) {
        await stepWithRetry(task, {
          heartbeat,
          keepTrying: () => isRunning() && !stopping && book.owns(task),
          onInfluxState: (ok) => (influxOk = ok),
          onBroken: dropBroken,
          logger: log,
        })
      }
    })
  }

  let clock: Clock | undefined
  return {
    async start() {
      consumer.on(consumer.events.GROUP_JOIN, (e) => onGroupJoin(e.payload))
      consumer.on(consumer.events.REBALANCING, () => {
        joined = false
        clock?.suspend()
      })
      consumer.on(consumer.events.CRASH, (e) => {
        if (!e.payload.restart) deps.onFatal(e.payload.error)
      })
      await consumer.connect()
      await consumer.subscribe({ topic: topics.input, fromBeginning: config.AGG_FROM_BEGINNING })
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        // While one partition's step waits for InfluxDB and Kafka, another's batch is applied.
        partitionsConsumedConcurrently: config.AGG_CONCURRENT_PARTITIONS,
        eachBatch: (payload) => {
          const run = eachBatch(payload)
          const settled = run.then(() => undefined, () => undefined)
          inFlight.add(settled)
          void settled.then(() => inFlight.delete(settled))
          return run
        },
      })
      clock = createClock({ kafka, config, tasks: book.tasks, onInfluxState: (ok) => (influxOk = ok), drop: dropBroken, logger: log })
      clock.start()
    },
    async stop() {
      stopping = true
      clock?.stop()
      consumer.pause([{ topic: topics.input }])
      await Promise.all(inFlight)
      for (const task of book.tasks()) {
        await task.lock.run(async () => {
          if (!task.engine) return
          task.engine.advance(task.progressMs)
          if (task.engine.hasPending()) {
            await stepWithRetry(task, { keepTrying: () => true, maxAttempts: 3, onInfluxState: (ok) => (influxOk = ok), onBroken: dropBroken, logger: log })
          }
        })
      }
      await consumer.disconnect()
      await Promise.all(book.tasks().map((t) => t.close()))
      await clock?.close()
    },
    get joined() {
      return joined
    },
    get influxOk() {
      return influxOk
    },
    tasks: book.tasks,
    lag: () => clock?.lag ?? new Map(),
  }
}
