import { createLogger } from './create-logger.ts'
import type { Logger } from './create-logger.ts'

/** A logger writing into an array of parsed JSON lines, for tests that assert on what was logged. */
export function captureLogger(level: 'info' | 'debug' | 'trace' = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({ name: 'test', level, destination: { write: (line) => void lines.push(JSON.parse(line)) } })
  return { logger, lines }
}
