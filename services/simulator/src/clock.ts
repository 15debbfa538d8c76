import { sleep } from '@millstream/runtime'

/** Wall-clock time for real-time mode; tests pass a fake. */
export interface Clock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, signal).catch(() => undefined),
}
