import type { RegistryIndex } from '@millstream/contract'
import type { Logger } from '@millstream/runtime'
import type { Kafka } from 'kafkajs'
import { restorePartition } from '../engine/changelog-records.ts'
import type { EngineOptions } from '../engine/engine-options.ts'
import { createPartitionEngine, type RecordOutcome } from '../engine/partition-engine.ts'
import type { PlanCache } from '../engine/plan-cache.ts'
import type { RejectionCode } from '@millstream/contract'
import { readChangelog } from './read-changelog.ts'
import type { PartitionTask, TaskTopics } from './partition-task.ts'

export interface OpenPartitionsDeps {
  kafka: Kafka
  topics: TaskTopics
  groupId: string
  registry: RegistryIndex
  options: EngineOptions
  plans: PlanCache
  restoreTimeoutMs: number
  logger: Logger
  onOutcome: (outcome: RecordOutcome, reason?: RejectionCode) => void
}

/**
 * Takes ownership of partitions: each task's producer fences the previous owner (its open
 * transaction is aborted), writes a marker, then the changelog is read up to the markers and each
 * engine starts from the state it holds (or empty). Only then may records be applied.
 */
export async function openPartitions(tasks: readonly PartitionTask[], deps: OpenPartitionsDeps): Promise<void> {
  if (tasks.length === 0) return
  const markers = new Map(await Promise.all(tasks.map(async (t) => [t.partition, await t.fence()] as const)))
  const latest = await readChangelog({ kafka: deps.kafka, topic: deps.topics.changelog, markers, groupPrefix: deps.groupId, timeoutMs: deps.restoreTimeoutMs, logger: deps.logger })
  const now = Date.now()
  for (const task of tasks) {
    const restored = restorePartition(latest.get(task.partition) ?? new Map())
    task.engine = createPartitionEngine({
      topic: deps.topics.input,
      partition: task.partition,
      registry: deps.registry,
      options: deps.options,
      plans: deps.plans,
      restored,
      onOutcome: deps.onOutcome,
    })
    task.progressMs = restored.streamTimeMs
    task.lastInputAtMs = now
    task.lastStepAtMs = now
    task.caughtUp = false
    deps.logger.info({ partition: task.partition, nextOffset: restored.nextOffset, devices: restored.devices.length, streamTime: new Date(restored.streamTimeMs).toISOString() }, 'partition restored')
  }
}
