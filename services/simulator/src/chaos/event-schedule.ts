import type { Prng } from '../model/prng.ts'

/** Instants of a Poisson process, drawn lazily in order; consumers move forward in time only. */
export interface EventSchedule {
  /** The earliest instant not yet taken (Infinity when the rate is 0). */
  peek(): number
  /** Takes and returns every instant <= ms. */
  takeDue(ms: number): number[]
}

const HOUR_MS = 3_600_000

export function createPoissonSchedule(prng: Prng, ratePerH: number, startMs: number): EventSchedule {
  if (!(ratePerH > 0)) return { peek: () => Infinity, takeDue: () => [] }
  const meanGapMs = HOUR_MS / ratePerH
  let nextMs = startMs + Math.max(1, Math.round(prng.exponential(meanGapMs)))
  return {
    peek: () => nextMs,
    takeDue(ms) {
      const due: number[] = []
      while (nextMs <= ms) {
        due.push(nextMs)
        nextMs += Math.max(1, Math.round(prng.exponential(meanGapMs)))
      }
      return due
    },
  }
}
