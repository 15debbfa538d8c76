import { backoff, type Logger } from '@millstream/runtime'
import { isInfluxFailure, type PartitionTask } from './partition-task.ts'

export interface StepRetryOptions {
  /** Keeps the group membership alive while waiting (kafkajs heartbeat; throws on a rebalance). */
  heartbeat?: () => Promise<void>
  /** False when the retries must end: stopping, or the partition was taken away. */
  keepTrying: () => boolean
  /** Attempts before giving up; default: as long as keepTrying() says. */
  maxAttempts?: number
  onInfluxState: (ok: boolean) => void
  /** Called when the task must be dropped (a Kafka failure or fencing): its state is restored again. */
  onBroken: (task: PartitionTask, err: unknown) => Promise<void>
  logger: Logger
}

/**
 * Runs a step until it commits. While InfluxDB is down or slow nothing is committed and no new
 * batch is taken (the caller holds the partition), so consumption pauses by itself; it resumes
 * with the first write that succeeds. Returns whether the step committed.
 */
export async function stepWithRetry(task: PartitionTask, options: StepRetryOptions): Promise<boolean> {
  let attempt = 0
  for (const delayMs of backoff({ initialMs: 250, maxMs: 15_000 })) {
    attempt += 1
    try {
      await task.step()
      options.onInfluxState(true)
      return true
    } catch (err) {
      if (!isInfluxFailure(err)) {
        await options.onBroken(task, err)
        return false
      }
      options.onInfluxState(false)
      options.logger.warn({ err, partition: task.partition, attempt, retryInMs: delayMs }, 'influxdb write failed, nothing committed; retrying')
      if ((options.maxAttempts !== undefined && attempt >= options.maxAttempts) || !options.keepTrying()) return false
      await waitHeartbeating(delayMs, options.heartbeat)
      if (!options.keepTrying()) return false
    }
  }
  return false
}

async function waitHeartbeating(ms: number, heartbeat?: () => Promise<void>): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, Math.min(1_000, until - Date.now())))
    await heartbeat?.()
  }
}

/** Waits for `work`, heartbeating every second: a long restore must not cost the group membership. */
export async function heartbeatWhile<T>(work: Promise<T>, heartbeat: () => Promise<void>): Promise<T> {
  let done = false
  const settled = work.finally(() => (done = true))
  while (!done) {
    await Promise.race([settled, new Promise((r) => setTimeout(r, 1_000))])
    if (!done) await heartbeat()
  }
  return settled
}
