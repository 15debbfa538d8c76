import { pino } from 'pino'
import type { DestinationStream, Logger } from 'pino'
import type { LogLevel } from './env-fields.ts'

export type { Logger }

export interface CreateLoggerOptions {
  /** The service, e.g. 'ingest'; every line carries it as `name`. */
  name: string
  level?: LogLevel
  /** Where JSON lines go; stdout unless a test passes a sink. */
  destination?: DestinationStream
}

/**
 * Secrets never reach a log line, whether logged bare, nested one level down, or as part of
 * a logged config object (`{ config }`).
 */
export const REDACTED_PATHS = [
  'password',
  'token',
  '*.password',
  '*.token',
  'MQTT_PASSWORD',
  'INFLUX_TOKEN',
  '*.MQTT_PASSWORD',
  '*.INFLUX_TOKEN',
]

/**
 * The one root logger of a process: JSON lines on stdout with an ISO time and the level as a
 * word. Components log through `logger.child({ component })`; errors go under `err`.
 */
export function createLogger({ name, level = 'info', destination }: CreateLoggerOptions): Logger {
  const options = {
    name,
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  }
  return destination === undefined ? pino(options) : pino(options, destination)
}
