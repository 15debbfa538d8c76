import type { DeadLetterRecord, RejectionCode } from '@millstream/contract'

export interface SourceMessage {
  topic: string
  partition: number
  offset: string
  key: Buffer | null
  value: Buffer | null
  /** Kafka's timestamp of the record, epoch ms as text. */
  timestamp: string
}

/**
 * The dead-letter record of a Kafka input record. `receivedAt` is the input record's Kafka
 * timestamp, not the clock, so a replay produces the very same record.
 */
export function deadLetter(source: SourceMessage, reason: RejectionCode, message: string): DeadLetterRecord {
  const key = source.key?.toString('utf8')
  return {
    v: 1,
    reason,
    message,
    source: { stage: 'aggregator', topic: source.topic, partition: source.partition, offset: source.offset },
    payloadBase64: (source.value ?? Buffer.alloc(0)).toString('base64'),
    receivedAt: Math.max(0, Math.trunc(Number(source.timestamp)) || 0),
    ...(key === undefined ? {} : { key }),
  }
}
