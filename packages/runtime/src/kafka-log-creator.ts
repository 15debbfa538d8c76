import type { Logger } from 'pino'
import type { LogLevel } from './env-fields.ts'

/*
 * The slice of KafkaJS's logging interface we need, declared here so the runtime does not
 * depend on kafkajs (tulios/kafkajs: docs/CustomLogger.md, src/loggers/index.js).
 */
export const KAFKA_LOG_LEVEL = { NOTHING: 0, ERROR: 1, WARN: 2, INFO: 4, DEBUG: 5 } as const

export interface KafkaLogEntry {
  namespace: string
  level: number
  label: string
  log: { message: string; [field: string]: unknown }
}

export type KafkaLogCreator = (logLevel: number) => (entry: KafkaLogEntry) => void

type PinoMethod = 'error' | 'warn' | 'info' | 'debug'

function pinoMethodFor(kafkaLevel: number): PinoMethod | undefined {
  if (kafkaLevel === KAFKA_LOG_LEVEL.NOTHING) return undefined
  if (kafkaLevel <= KAFKA_LOG_LEVEL.ERROR) return 'error'
  if (kafkaLevel <= KAFKA_LOG_LEVEL.WARN) return 'warn'
  if (kafkaLevel <= KAFKA_LOG_LEVEL.INFO) return 'info'
  return 'debug'
}

/**
 * Routes KafkaJS's own logs into pino under `component: 'kafkajs'`. KafkaJS's extra fields
 * (broker, groupId, retryCount, ...) are kept under `kafka` so they cannot overwrite pino's.
 */
export function kafkaLogCreator(logger: Logger): KafkaLogCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' })
  return () =>
    ({ namespace, level, log }) => {
      const method = pinoMethodFor(level)
      if (method === undefined) return
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log
      kafkaLogger[method]({ namespace, kafka: fields }, message)
    }
}

/** The KafkaJS `logLevel` that lets through what the pino level would print, so KafkaJS builds no lines pino drops. */
export function toKafkaLogLevel(level: LogLevel): number {
  switch (level) {
    case 'silent':
      return KAFKA_LOG_LEVEL.NOTHING
    case 'fatal':
    case 'error':
      return KAFKA_LOG_LEVEL.ERROR
    case 'warn':
      return KAFKA_LOG_LEVEL.WARN
    case 'info':
      return KAFKA_LOG_LEVEL.INFO
    case 'debug':
    case 'trace':
      return KAFKA_LOG_LEVEL.DEBUG
  }
}
