import type { DeadLetterRecord, RejectionCode, TelemetryRecord } from '@millstream/contract'

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

/** Where a sample sits in a device batch record (issue 16): its index and the sample as a v1 record. */
export interface BatchSample {
  index: number
  record: TelemetryRecord
}

/**
 * The dead-letter record of one sample of a device batch record: like ingest's for a batch
 * message, the payload is the sample alone (as the v1 record the aggregator read, so it can be
 * produced again as is) and `batchIndex` its position in the record; source offset as the record's.
 */
export function sampleDeadLetter(source: SourceMessage, sample: BatchSample, rejection: { reason: RejectionCode; message: string }): DeadLetterRecord {
  return {
    ...deadLetter(source, rejection.reason, `sample ${sample.index} of a device batch record: ${rejection.message}`),
    payloadBase64: Buffer.from(JSON.stringify(sample.record)).toString('base64'),
    batchIndex: sample.index,
  }
}
