export interface BackoffOptions {
  /** The first delay before jitter. */
  initialMs?: number
  /** No delay exceeds this. */
  maxMs?: number
  /** Each delay is the previous one times this, until maxMs. */
  factor?: number
  /**
   * The share of each delay that is random, 0 to 1: a delay is `base * (1 - jitter * random())`.
   * 1 is "full jitter", 0 is none. Jitter keeps many clients from retrying in lockstep
   * (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015).
   */
  jitter?: number
  /** A source of numbers in [0, 1); Math.random unless a test fixes it. */
  random?: () => number
}

/**
 * An endless sequence of retry delays in whole milliseconds, growing exponentially up to maxMs.
 * The caller decides how many to take: `for (const delayMs of backoff()) { ... }`.
 */
export function* backoff({
  initialMs = 100,
  maxMs = 30_000,
  factor = 2,
  jitter = 0.5,
  random = Math.random,
}: BackoffOptions = {}): Generator<number, never, undefined> {
  if (!(initialMs > 0) || !(maxMs >= initialMs)) throw new RangeError('backoff needs 0 < initialMs <= maxMs')
  if (!(factor >= 1)) throw new RangeError('backoff needs factor >= 1')
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError('backoff needs jitter between 0 and 1')
  let baseMs = initialMs
  for (;;) {
    yield Math.round(baseMs * (1 - jitter * random()))
    baseMs = Math.min(maxMs, baseMs * factor)
  }
}
