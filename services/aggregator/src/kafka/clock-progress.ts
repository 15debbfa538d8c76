/**
 * How far the clock moves an idle partition on (issue 5: a silent machine's time becomes
 * `unknown` without new data). Only a partition whose records have all been read, and that has
 * had none for `idleAdvanceMs`, moves: its event time runs on at wall-clock speed from its stream
 * time, never past the wall clock. While records flow (a catch-up, a replay) progress is the
 * stream time alone. Progress decides when minutes are written, never what they hold.
 */
export function clockProgress(input: { streamTimeMs: number; caughtUp: boolean; lastInputAtMs: number; nowMs: number; idleAdvanceMs: number }): number {
  const idleMs = input.nowMs - input.lastInputAtMs - input.idleAdvanceMs
  if (!input.caughtUp || idleMs <= 0) return input.streamTimeMs
  return Math.max(input.streamTimeMs, Math.min(input.streamTimeMs + idleMs, input.nowMs))
}

/**
 * Whether a partition is quiet enough to take the wall clock as its time (issue 9): every record
 * read and none for `idleFinalizeMs`. A plant that went silent then has its last minutes and
 * hours finalized once the partition grace has passed on the clock, as if its partition had other
 * traffic; a buffered upload within the grace of the clock is still accepted.
 */
export function idleFinalizes(input: { caughtUp: boolean; lastInputAtMs: number; nowMs: number; idleFinalizeMs: number }): boolean {
  return input.caughtUp && input.nowMs - input.lastInputAtMs >= input.idleFinalizeMs
}
