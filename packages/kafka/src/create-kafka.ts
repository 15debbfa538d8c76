import { kafkaLogCreator, type Logger } from '@millstream/runtime'
import { Kafka, logLevel } from 'kafkajs'
import type { KafkaSecurity } from './kafka-security.ts'

export interface KafkaOptions {
  brokers: string[]
  clientId: string
  logger: Logger
  /** TLS and SASL settings (kafkaSecurity); none on a plaintext listener. */
  security?: KafkaSecurity
}

/** A kafkajs client whose logs go to the service's pino logger. */
export function createKafka({ brokers, clientId, logger, security }: KafkaOptions): Kafka {
  return new Kafka({
    ...security,
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
    // Retries cover a broker restart (about 15 s here) before an operation gives up.
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 10 },
    connectionTimeout: 5_000,
  })
}
