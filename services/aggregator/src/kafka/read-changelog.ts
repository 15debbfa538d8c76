import { randomUUID } from 'node:crypto'
import { AppError, type Logger } from '@millstream/runtime'
import type { Kafka } from 'kafkajs'
import { RESTORE_MARKER_KEY } from '../engine/changelog-records.ts'

export interface ReadChangelogOptions {
  kafka: Kafka
  topic: string
  /** Partition -> the marker value this task wrote last: reading up to it means reading everything. */
  markers: ReadonlyMap<number, string>
  groupPrefix: string
  timeoutMs: number
  logger: Logger
}

/**
 * The latest committed value of every key in some changelog partitions, read from their start
 * (read_committed: aborted steps are invisible). kafkajs cannot assign partitions without a group,
 * so a throw-away group reads the topic and pauses the partitions it does not need.
 */
export async function readChangelog(options: ReadChangelogOptions): Promise<Map<number, Map<string, string>>> {
  const { kafka, topic, markers } = options
  const latest = new Map([...markers.keys()].map((p) => [p, new Map<string, string>()]))
  const done = new Set<number>()
  const consumer = kafka.consumer({ groupId: `${options.groupPrefix}.restore.${randomUUID()}`, maxWaitTimeInMs: 100, readUncommitted: false })
  let finish: () => void = () => undefined
  const finished = new Promise<void>((resolve) => (finish = resolve))
  try {
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const values = latest.get(batch.partition)
        if (!values || done.has(batch.partition)) {
          consumer.pause([{ topic, partitions: [batch.partition] }])
          return
        }
        for (const m of batch.messages) {
          const key = m.key?.toString('utf8') ?? ''
          if (m.value === null) values.delete(key)
          else values.set(key, m.value.toString('utf8'))
          if (key === RESTORE_MARKER_KEY && m.value?.toString('utf8') === markers.get(batch.partition)) done.add(batch.partition)
        }
        if (done.size === markers.size) finish()
      },
    })
    if (markers.size === 0) finish()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError(`changelog ${topic} not read to its end within ${options.timeoutMs} ms`, { code: 'restore_timeout', retriable: true })), options.timeoutMs)
    })
    await Promise.race([finished, timeout]).finally(() => clearTimeout(timer))
    options.logger.debug({ topic, partitions: [...markers.keys()] }, 'changelog read')
    return latest
  } finally {
    await consumer.disconnect().catch(() => undefined)
  }
}
