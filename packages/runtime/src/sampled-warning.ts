import type { Logger } from './create-logger.ts'

/**
 * A warning for something that may repeat without end (records a stray producer keeps writing): the
 * first is logged at once, then at most one every `intervalMs`, each saying how many happened
 * since the one before (`occurrences`). A metric should count every one; the log only says it goes on.
 */
export function createSampledWarning(log: Logger, message: string, intervalMs = 60_000, clock: () => number = Date.now): (fields: Record<string, unknown>) => void {
  let occurrences = 0
  let lastAt = -Infinity
  return (fields) => {
    occurrences += 1
    const now = clock()
    if (now - lastAt < intervalMs) return
    log.warn({ ...fields, occurrences }, message)
    occurrences = 0
    lastAt = now
  }
}
