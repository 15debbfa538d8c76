import { kafkaLogCreator, type Logger } from '@millstream/runtime'
import { Kafka, logLevel } from 'kafkajs'

export interface KafkaOptions {
  brokers: string[]
  clientId: string
  logger: Logger
}

/** A kafkajs client whose logs go to the service's pino logger. */
export function createKafka({ brokers, clientId, logger }: KafkaOptions): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
    // Retries cover a broker restart (about 15 s here) before an operation gives up.
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 10 },
    connectionTimeout: 5_000,
  })
}
