import type { RegisterMark } from '../chaos/register-faults.ts'

/** One acknowledged reading of a cumulative series, as published. */
export interface PublishedReading {
  tsMs: number
  total: number
  seq?: number
  /** Set when register faults were injected (chaos): which readings a fault separates. */
  mark?: RegisterMark
}

export interface ExcludedInterval {
  reason: 'rewind' | 'implausible_jump'
  prev: { ts: number; total: number; seq?: number }
  next: { ts: number; total: number; seq?: number }
}

/**
 * What a correct pipeline must add up for one cumulative series (DESIGN.md, "Counters and
 * meters"): readings in event-time order, duplicates of a ts counted once, each positive step
 * added, and a drop treated as a reset whose new reading is the delta. The first reading is the
 * baseline and contributes nothing. An interval that spans an injected register fault (a rewind or
 * replacement between the two readings, or a spike at either end) counts nothing: it is listed as
 * excluded, with the reason the pipeline must give (issue 9).
 */
export function reconcileSeries(readings: readonly PublishedReading[]): { increments: number; excluded: ExcludedInterval[] } {
  const sorted = [...readings].sort((a, b) => a.tsMs - b.tsMs)
  let increments = 0
  const excluded: ExcludedInterval[] = []
  let previous: PublishedReading | undefined
  for (const r of sorted) {
    if (previous && r.tsMs === previous.tsMs) continue
    if (previous) {
      if (spansFault(previous, r)) excluded.push({ reason: r.total < previous.total ? 'rewind' : 'implausible_jump', prev: point(previous), next: point(r) })
      else increments += r.total >= previous.total ? r.total - previous.total : r.total
    }
    previous = r
  }
  return { increments, excluded }
}

/** The sum of increments of readings without register faults. */
export function sumOfIncrements(readings: readonly (readonly [tsMs: number, total: number])[]): number {
  return reconcileSeries(readings.map(([tsMs, total]) => ({ tsMs, total }))).increments
}

function spansFault(a: PublishedReading, b: PublishedReading): boolean {
  if (!a.mark || !b.mark) return false
  return a.mark.epoch !== b.mark.epoch || a.mark.spike || b.mark.spike
}

const point = (r: PublishedReading) => ({ ts: r.tsMs, total: r.total, ...(r.seq === undefined ? {} : { seq: r.seq }) })
