import type { ICustomPartitioner, Kafka, Producer } from 'kafkajs'
import { cachedPartitioner } from '@millstream/kafka'

/**
 * The producer ingest writes with (shared by the service and its fault harness). It makes one
 * attempt per send: the batcher sends a failed batch again whole (kafka-batcher.ts).
 *
 * Why not kafkajs' own retries: within one send kafkajs keeps each broker's answer across its
 * retries and, after a retry, sends only to the brokers without one. When a partition's leadership
 * moves to a broker that has already answered (a broker's controlled shutdown, or its SIGKILL),
 * that partition's records are not sent again and the send still resolves: acknowledged records
 * that are not in Kafka. test/faults/kafka-leader-kill.ts measured 1,725 of 1,705,000 lost this
 * way on a three-broker cluster (docs/scaling.md). Without retries inside a send, idempotence has
 * nothing to de-duplicate (kafkajs refuses an idempotent producer without retries); a batch sent
 * again writes duplicates the aggregator drops by device, boot and seq.
 *
 * `createPartitioner`: ingest passes its PartitionPlanner's, which its batcher asks where records go.
 */
export function createIngestProducer(kafka: Kafka, createPartitioner: ICustomPartitioner = cachedPartitioner): Producer {
  return kafka.producer({
    idempotent: false,
    maxInFlightRequests: 1,
    createPartitioner,
    retry: { retries: 0 },
  })
}
