/**
 * Kafka refused this one record for a reason retrying cannot cure (too large, invalid): the caller
 * dead-letters it instead of withholding its PUBACK, so it cannot stall the messages behind it.
 */
export class KafkaRecordRefused extends Error {
  constructor(readonly kafkaError: string, options: { cause: unknown }) {
    super(`Kafka refused the record: ${kafkaError}`, options)
    this.name = 'KafkaRecordRefused'
  }
}

/** Kafka error types that refuse a record for good (kafkajs marks them non-retriable). */
const RECORD_REFUSALS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'INVALID_TIMESTAMP', 'INVALID_RECORD_STATE'])

/** The refusing Kafka error type in `err` or its causes, if it is one of RECORD_REFUSALS. */
export function recordRefusal(err: unknown): string | undefined {
  for (let e = err as { type?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.type === 'string' && RECORD_REFUSALS.has(e.type)) return e.type
  }
  return undefined
}
