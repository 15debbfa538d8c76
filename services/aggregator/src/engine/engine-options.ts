/**
 * The event-time rules of the aggregator (docs/aggregator.md, "Lateness and staleness"). Every
 * value the aggregator writes is a function of the accepted events and these options; the wall
 * clock only decides when a minute is first written.
 */
export interface EngineOptions {
  /** A sample older than its device's newest event time minus this is too late (dead-lettered). */
  latenessMs: number
  /** A state holds this long without a new message; after that the machine's time is `unknown`. */
  stalenessMs: number
  /**
   * Counter and meter deltas between readings up to this far apart are spread evenly over the time
   * between them; longer gaps go whole to the minute of the later reading (metrics apportionDeltas).
   */
  maxSpreadMs: number
  /** Minutes are written for a device up to this long after its latest sample; later ones are not. */
  horizonMs: number
  /**
   * A device also counts as caught up once its partition's stream time (newest event time on the
   * partition) is this far ahead: silent devices' minutes become final and their late data too late.
   */
  partitionGraceMs: number
  /** A minute is first written once the partition's progress passes its end by this much. */
  emitDelayMs: number
}

export const MINUTE_MS = 60_000

/** Start of the UTC minute holding `tsMs`: the local minute in every zone with whole-minute offsets. */
export function floorMinute(tsMs: number): number {
  return tsMs - (((tsMs % MINUTE_MS) + MINUTE_MS) % MINUTE_MS)
}
