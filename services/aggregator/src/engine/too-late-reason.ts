import type { EngineOptions } from './engine-options.ts'

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Why a record is too late, naming the limit it missed: the allowed lateness behind the device's
 * own newest record, or the partition grace behind the partition's time (the newest event on the
 * partition, or the clock once it is idle) when the other devices of its partition have moved on
 * (docs/aggregator.md, allowed lateness).
 */
export function tooLateReason(
  tsMs: number, deviceNewestMs: number | null, partitionTimeMs: number, options: Pick<EngineOptions, 'latenessMs' | 'partitionGraceMs'>, newestWhat = 'event',
): string {
  const at = `event time ${iso(tsMs)}`
  if (deviceNewestMs !== null && tsMs < deviceNewestMs - options.latenessMs) {
    return `${at} is more than the allowed lateness (${options.latenessMs / 1000} s) before the device's newest ${newestWhat}, ${iso(deviceNewestMs)}`
  }
  return `${at} is more than the partition grace (${options.partitionGraceMs / 1000} s) before its partition's time, ${iso(partitionTimeMs)}` +
    ' (the newest event of any device on the partition, or the clock once the partition is idle)'
}
