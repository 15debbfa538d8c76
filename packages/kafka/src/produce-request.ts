import { createRequire } from 'node:module'

/**
 * kafkajs's own wire encoding of one Produce request (v7, acks=all, no compression), reached
 * through its internal modules: for the test that holds patches/kafkajs@2.2.4.patch to the bytes
 * of the release, and for the benchmark of that encoding (test/bench/kafkajs-encode.ts). Nothing
 * in the services uses it.
 */
const kafkajsRequire = createRequire(createRequire(import.meta.url).resolve('kafkajs'))

type EncoderLike = { buffer: Buffer }
const encodeRequest = kafkajsRequire('./src/protocol/request.js') as (r: { correlationId: number; clientId: string; request: unknown }) => Promise<EncoderLike>
const produceV7 = kafkajsRequire('./src/protocol/requests/produce/v7/request.js') as (r: Record<string, unknown>) => unknown
const Long = kafkajsRequire('./src/utils/long.js') as { fromInt(n: number): unknown; fromValue(n: number): unknown }
export const crc32C = kafkajsRequire('./src/protocol/recordBatch/crc32C/index.js') as (b: Buffer) => number

export interface ProduceMessage {
  key: string | Buffer
  value: string | Buffer
  timestamp: number | string
  headers?: Record<string, string | string[]>
}

/** The request bytes kafkajs writes to the socket for these messages, per topic and partition. */
export async function encodeProduceRequest(topicData: { topic: string; partitions: { partition: number; messages: ProduceMessage[] }[] }[], transactional = false): Promise<Buffer> {
  const request = produceV7({
    acks: -1,
    timeout: 30_000,
    transactionalId: transactional ? 'bench-tx' : null,
    producerId: transactional ? Long.fromValue(4242) : Long.fromInt(-1),
    producerEpoch: transactional ? 3 : 0,
    compression: 0,
    topicData: topicData.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => ({ partition: p.partition, firstSequence: transactional ? 17 : 0, messages: p.messages })) })),
  })
  return (await encodeRequest({ correlationId: 7, clientId: 'millstream-test', request })).buffer
}
