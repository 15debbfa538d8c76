import { randomUUID } from 'node:crypto'
import { sparkplugBirthKey, sparkplugBirthRecordSchema, type SparkplugBirthRecord } from '@millstream/contract'
import type { Logger } from '@millstream/runtime'
import type { Kafka } from 'kafkajs'

/** Edge node (`group/edge node`) -> device id -> alias -> metric name. */
export type StoredBirths = Map<string, Map<string, Map<number, string>>>

/** The births-topic record of one DBIRTH: its alias table, keyed by device. */
export function birthRecord(node: { groupId: string; edgeNodeId: string }, deviceId: string, aliases: ReadonlyMap<number, string>, bornAtMs: number): { key: string; value: string } {
  const record: SparkplugBirthRecord = { v: 1, groupId: node.groupId, edgeNodeId: node.edgeNodeId, deviceId, bornAtMs, aliases: [...aliases] }
  return { key: sparkplugBirthKey(record), value: JSON.stringify(record) }
}

/** The latest birth per key, folded into alias tables; a record the schema refuses is skipped and counted. */
export function foldBirths(latest: ReadonlyMap<string, string>): { births: StoredBirths; refused: number } {
  const births: StoredBirths = new Map()
  let refused = 0
  for (const [key, value] of latest) {
    let json: unknown
    try {
      json = JSON.parse(value)
    } catch {
      json = undefined
    }
    const parsed = sparkplugBirthRecordSchema.safeParse(json)
    if (!parsed.success || sparkplugBirthKey(parsed.data) !== key) {
      refused += 1
      continue
    }
    const { groupId, edgeNodeId, deviceId, aliases } = parsed.data
    const node = `${groupId}/${edgeNodeId}`
    const devices = births.get(node) ?? new Map<string, Map<number, string>>()
    devices.set(deviceId, new Map(aliases))
    births.set(node, devices)
  }
  return { births, refused }
}

export interface ReadBirthsOptions {
  kafka: Kafka
  topic: string
  /** Prefix of the throw-away consumer group (kafkajs reads only through a group). */
  groupPrefix: string
  timeoutMs: number
  logger: Logger
}

/**
 * The births topic read from its start to the end offsets it had when the read began: the latest
 * value per key (a tombstone removes it). Fails after `timeoutMs` rather than starting the host
 * with a part of its alias tables.
 */
export async function readBirths(o: ReadBirthsOptions): Promise<{ births: StoredBirths; refused: number }> {
  const admin = o.kafka.admin()
  await admin.connect()
  const ends = await admin.fetchTopicOffsets(o.topic).finally(() => admin.disconnect())
  const pending = new Map(ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]))
  const latest = new Map<string, string>()
  if (pending.size === 0) return foldBirths(latest)
  const consumer = o.kafka.consumer({ groupId: `${o.groupPrefix}.${randomUUID()}`, maxWaitTimeInMs: 100 })
  let finish: () => void = () => undefined
  const finished = new Promise<void>((resolve) => (finish = resolve))
  let timer: NodeJS.Timeout | undefined
  try {
    await consumer.connect()
    await consumer.subscribe({ topic: o.topic, fromBeginning: true })
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = pending.get(batch.partition)
        if (end === undefined) return
        for (const m of batch.messages) {
          if (BigInt(m.offset) >= end) break
          const key = m.key?.toString('utf8') ?? ''
          if (m.value === null) latest.delete(key)
          else latest.set(key, m.value.toString('utf8'))
        }
        // The record before the end offset is in the active segment, which compaction never cleans.
        const last = batch.messages.at(-1)
        if (last && BigInt(last.offset) + 1n >= end) pending.delete(batch.partition)
        if (pending.size === 0) finish()
      },
    })
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`births topic ${o.topic} not read to its end within ${o.timeoutMs} ms`)), o.timeoutMs)
    })
    await Promise.race([finished, timeout])
  } finally {
    clearTimeout(timer)
    await consumer.disconnect().catch(() => undefined)
  }
  const folded = foldBirths(latest)
  o.logger.info({ topic: o.topic, nodes: folded.births.size, devices: [...folded.births.values()].reduce((n, d) => n + d.size, 0), refused: folded.refused }, 'sparkplug births restored')
  return folded
}
