import type { PublishOutcome } from '../report/publish-outcome.ts'
import type { SimMessage } from '../sim/sim-message.ts'

/** Where a plant's messages go. The MQTT sink is the real one; stdout and null serve debugging and tests. */
export interface Sink {
  start(): Promise<void>
  /**
   * Hands one message over. Resolves as soon as the next may follow (a slot in flight is free);
   * `settled` is called once with the outcome (PUBACK, refusal or failure).
   */
  publish(message: SimMessage, settled: (outcome: PublishOutcome) => void): Promise<void>
  /** Waits for every message in flight to settle (up to the sink's drain timeout), then closes. Idempotent. */
  stop(): Promise<void>
}

/** A counting semaphore: at most `limit` holders; waiters are served in order. */
export function createSlots(initialLimit: number) {
  let limit = initialLimit
  let used = 0
  const waiters: (() => void)[] = []
  const idle: (() => void)[] = []
  const wake = () => {
    while (used < limit && waiters.length > 0) {
      used++
      waiters.shift()?.()
    }
    if (used === 0) for (const resolve of idle.splice(0)) resolve()
  }
  return {
    acquire(): Promise<void> {
      if (used < limit) {
        used++
        return Promise.resolve()
      }
      return new Promise<void>((resolve) => waiters.push(resolve))
    },
    release(): void {
      used--
      wake()
    },
    setLimit(next: number): void {
      limit = Math.max(1, next)
      wake()
    },
    /** Resolves when nothing is held. */
    idle(): Promise<void> {
      return used === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))
    },
    get inFlight() {
      return used
    },
  }
}
