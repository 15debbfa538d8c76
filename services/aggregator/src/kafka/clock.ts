import type { Logger } from '@millstream/runtime'
import type { Admin, Kafka } from 'kafkajs'
import type { AggregatorConfig } from '../config.ts'
import { clockProgress, idleFinalizes } from './clock-progress.ts'
import type { PartitionTask } from './partition-task.ts'
import { stepWithRetry } from './step-with-retry.ts'

export interface Clock {
  start(): void
  suspend(): void
  resume(): void
  stop(): void
  close(): Promise<void>
  /** Records not yet read, per partition, at the last watermark check. */
  readonly lag: ReadonlyMap<number, number>
}

const TICK_MS = 500
const WATERMARK_EVERY_MS = 2_000

/**
 * The wall clock's part (issue 5): it learns which partitions are caught up, moves idle ones on
 * (clockProgress), and commits steps that are due when no batch arrives to do it. It never
 * retries a step for long: a failed one is left to the next tick or batch.
 */
export function createClock(deps: { kafka: Kafka; config: AggregatorConfig; tasks: () => PartitionTask[]; onInfluxState: (ok: boolean) => void; drop: (task: PartitionTask, err: unknown) => Promise<void>; logger: Logger }): Clock {
  const { config } = deps
  const admin: Admin = deps.kafka.admin()
  let timer: NodeJS.Timeout | undefined
  let suspended = false
  let ticking = false
  let lastWatermarkAt = 0
  let adminConnected: Promise<void> | undefined
  const lag = new Map<number, number>()

  const refreshWatermarks = async () => {
    adminConnected ??= admin.connect()
    await adminConnected
    const offsets = await admin.fetchTopicOffsets(config.AGG_INPUT_TOPIC)
    const byPartition = new Map(offsets.map((o) => [o.partition, o]))
    lag.clear()
    for (const task of deps.tasks()) {
      const o = byPartition.get(task.partition)
      if (!o || !task.engine) continue
      const position = BigInt(task.engine.nextOffset ?? o.low)
      task.caughtUp = position >= BigInt(o.high)
      lag.set(task.partition, Math.max(0, Number(BigInt(o.high) - position)))
    }
  }

  const tick = async () => {
    const now = Date.now()
    if (now - lastWatermarkAt >= WATERMARK_EVERY_MS) {
      lastWatermarkAt = now
      await refreshWatermarks().catch((err: unknown) => deps.logger.debug({ err }, 'watermarks not fetched'))
    }
    for (const task of deps.tasks()) {
      if (suspended || task.lock.busy || !task.engine) continue
      await task.lock.run(async () => {
        const engine = task.engine
        if (!engine || suspended) return
        const nowMs = Date.now()
        const progress = clockProgress({ streamTimeMs: engine.streamTimeMs, caughtUp: task.caughtUp, lastInputAtMs: task.lastInputAtMs, nowMs, idleAdvanceMs: config.AGG_IDLE_ADVANCE })
        task.progressMs = Math.max(task.progressMs, progress)
        // A partition quiet for AGG_IDLE_FINALIZE takes the wall clock as its time (issue 9).
        if (idleFinalizes({ caughtUp: task.caughtUp, lastInputAtMs: task.lastInputAtMs, nowMs, idleFinalizeMs: config.AGG_IDLE_FINALIZE })) engine.idleTo(nowMs)
        engine.advance(task.progressMs)
        if (engine.hasPending() && Date.now() - task.lastStepAtMs >= config.AGG_COMMIT_INTERVAL) {
          await stepWithRetry(task, { keepTrying: () => !suspended, maxAttempts: 1, onInfluxState: deps.onInfluxState, onBroken: deps.drop, logger: deps.logger })
          task.lastStepAtMs = Math.max(task.lastStepAtMs, Date.now() - config.AGG_COMMIT_INTERVAL / 2) // back off a failed step a little
        }
      })
    }
  }

  return {
    start() {
      timer = setInterval(() => {
        if (ticking) return
        ticking = true
        tick()
          .catch((err: unknown) => deps.logger.warn({ err }, 'clock tick failed'))
          .finally(() => (ticking = false))
      }, TICK_MS)
    },
    suspend: () => (suspended = true),
    resume: () => (suspended = false),
    stop() {
      clearInterval(timer)
      timer = undefined
    },
    async close() {
      if (adminConnected) await admin.disconnect().catch(() => undefined)
    },
    get lag() {
      return lag
    },
  }
}
