import type { ConnectionLostRecord, TelemetryAnomalyRecord } from '@millstream/contract'
import type { DeviceProfile } from './device-profile.ts'
import { emptyTally, sameCarry, type DeviceState } from './device-state.ts'
import type { EmissionSink } from './emission.ts'
import { floorMinute, MINUTE_MS, type EngineOptions } from './engine-options.ts'
import { addToHour, emitHour, HOUR_MS, hourOf } from './hour-rollup.ts'
import { encodeLine } from './line-protocol.ts'
import { INTEGER_FIELDS } from './measurements.ts'
import { minuteValues, type MinuteDiscontinuity, type MinuteValues } from './minute-values.ts'
import type { PlanCache } from './plan-cache.ts'
import { pointsIdentity } from './point-identity.ts'
import { latestBefore, pruneBefore } from './sorted-samples.ts'

export interface AdvanceContext {
  options: EngineOptions
  /** How far the partition has got: its stream time, or more when the clock moves an idle one on. */
  progressMs: number
  streamTimeMs: number
  plans: PlanCache
  sink: EmissionSink
}

/**
 * Moves one device on: closes the minutes the partition's progress has passed (first write),
 * rewrites closed minutes that late data changed (corrections), and finalizes the minutes no
 * acceptable sample can change any more (stop points, hour rollup, state pruned). Returns whether
 * the state changed. Which minutes exist and what they hold depends on events only; progress only
 * decides how soon they are written.
 */
export function advanceDevice(state: DeviceState, profile: DeviceProfile, ctx: AdvanceContext): boolean {
  const { options: o } = ctx
  state.frontierMs = Math.max(state.frontierMs, ctx.streamTimeMs - o.partitionGraceMs)
  const finalTo = Math.max(state.finalThroughMs, floorMinute(state.frontierMs - o.maxSpreadMs))
  const closeTo = Math.max(state.closedThroughMs, floorMinute(ctx.progressMs - o.emitDelayMs), finalTo)
  const recomputeFrom = Math.min(state.dirtyFromMs ?? Number.POSITIVE_INFINITY, state.closedThroughMs)
  if (closeTo === state.closedThroughMs && finalTo === state.finalThroughMs && recomputeFrom >= closeTo && !hasUnwrittenHour(state)) {
    state.dirtyFromMs = null
    return false
  }
  const touchedHours = new Set<number>()
  for (const [hourMs, acc] of state.hours) if (acc.hash === null) touchedHours.add(hourMs)
  // Good output waiting for output to catch up (carryGood) and a batch's uncredited run time (batchCredit) run through the minutes in order.
  let carry = state.carry
  for (let m = state.finalThroughMs; m < closeTo; m += MINUTE_MS) {
    const finalizing = m < finalTo
    const carriedOut = state.carryOut.get(recomputeFrom - MINUTE_MS)
    // Skipping needs the good carried out of the last skipped minute (absent after a restore: recompute).
    if (!finalizing && m < recomputeFrom && carriedOut !== undefined) {
      carry = carriedOut
      m = recomputeFrom - MINUTE_MS // skip the unchanged closed minutes in one step
      continue
    }
    if (!inEmissionSet(state, m, o.horizonMs)) {
      // A silent minute is unknown time: the batch running through it has no known run time.
      if (carry.batch.timeKnown) carry = { ...carry, batch: { ...carry.batch, timeKnown: false } }
      state.carryOut.set(m, carry)
      if (finalizing) state.carry = carry
      continue
    }
    const known = m < recomputeFrom ? state.computed.get(m) : undefined
    const values =
      known !== undefined && sameCarry(known.carryIn, carry)
        ? known.values
        : minuteValues(state, profile, { startMs: m, endMs: m + MINUTE_MS }, {
            options: o,
            plan: ctx.plans.segments(`${profile.firm}/${profile.plant}`, profile.calendar, profile.timeZone, { startMs: m, endMs: m + MINUTE_MS }),
            carryIn: carry,
          })
    if (!finalizing) state.computed.set(m, { carryIn: carry, values })
    carry = values.carryOut
    state.carryOut.set(m, carry)
    writeMinute(state, profile, m, values, finalizing, ctx.sink)
    if (finalizing) {
      state.carry = carry
      for (const d of values.discontinuities) ctx.sink.anomaly(anomalyRecord(profile, d))
      for (const loss of values.connectionLosses) ctx.sink.connectionLost(connectionLostRecord(profile, loss))
      const hourMs = hourOf(m, profile.timeZone)
      addToHour(state, hourMs, values)
      touchedHours.add(hourMs)
      if (profile.kind === 'machine') writeStops(profile, m, values, ctx.sink)
    }
  }
  for (const hourMs of touchedHours) emitHour(profile, hourMs, state.hours.get(hourMs) as NonNullable<ReturnType<typeof state.hours.get>>, ctx.sink)
  state.closedThroughMs = closeTo
  state.finalThroughMs = finalTo
  state.dirtyFromMs = null
  // Only a minute becoming final lets anything more be forgotten (no sample older than the
  // frontier is accepted, and the frontier is past the spread of the first open minute).
  if (state.keepFromMs !== finalTo - o.maxSpreadMs) prune(state, o)
  return true
}

/** Whether an hour was restored but not yet written again (its text unknown to this process). */
function hasUnwrittenHour(state: DeviceState): boolean {
  for (const acc of state.hours.values()) if (acc.hash === null) return true
  return false
}

/**
 * A device's minute is written when it holds or follows a sample by less than the horizon: a
 * silent machine shows `unknown` for a while, then nothing. Only more samples add minutes.
 */
export function inEmissionSet(state: DeviceState, minuteMs: number, horizonMs: number): boolean {
  const endMs = minuteMs + MINUTE_MS
  let latest = latestBefore(state.changes, endMs) ?? Number.NEGATIVE_INFINITY
  latest = Math.max(latest, latestBefore(state.counts, endMs) ?? Number.NEGATIVE_INFINITY)
  for (const series of Object.values(state.energy)) latest = Math.max(latest, latestBefore(series, endMs) ?? Number.NEGATIVE_INFINITY)
  return latest > minuteMs - horizonMs
}

function writeMinute(state: DeviceState, profile: DeviceProfile, minuteMs: number, values: MinuteValues, final: boolean, sink: EmissionSink): void {
  const timeS = minuteMs / 1000
  const t = state.intake.get(minuteMs) ?? emptyTally()
  const discontinuities = values.discontinuities.length
  const intake = {
    samples: t.samples, late_samples: t.late, duplicates: t.duplicates, too_late: t.tooLate, discontinuities, connection_losses: values.connectionLosses.length,
    ...(values.uncreditedBatches === null ? {} : { uncredited_batches: values.uncreditedBatches }),
  }
  const main = encodeLine(profile.series.minute, values.fields, INTEGER_FIELDS, timeS)
  const intakeLine = encodeLine(profile.series.intake, intake, INTEGER_FIELDS, timeS)
  const hash = pointsIdentity([main, intakeLine])
  if (state.emitted.get(minuteMs) === hash) return
  state.emitted.set(minuteMs, hash)
  sink.point(`${profile.series.minute} ${timeS}`, main)
  sink.point(`${profile.series.intake} ${timeS}`, intakeLine)
  sink.live({
    v: 1,
    kind: profile.kind,
    firm: profile.firm,
    plant: profile.plant,
    line: profile.line,
    device: profile.device,
    minuteStartMs: minuteMs,
    final,
    fields: values.fields,
    stops: values.stops,
    intake: { ...t, discontinuities },
  })
}

function anomalyRecord(profile: DeviceProfile, d: MinuteDiscontinuity): TelemetryAnomalyRecord {
  const reading = (s: MinuteDiscontinuity['prev']) => ({ ts: s.tsMs, total: s.total, ...(s.seq === undefined ? {} : { seq: s.seq }) })
  const unit = d.register === 'count.total' || d.register === 'count.good' ? (profile.unit ?? 'piece') : (profile.energyUnits[d.register] ?? '')
  return {
    v: 1, reason: d.kind, firm: profile.firm, plant: profile.plant, line: profile.line, device: profile.device, kind: profile.kind,
    register: d.register, unit, prev: reading(d.prev), next: reading(d.next), maxPlausibleQty: d.maxPlausibleQty,
  }
}

function connectionLostRecord(profile: DeviceProfile, loss: MinuteValues['connectionLosses'][number]): ConnectionLostRecord {
  return { v: 1, reason: 'connection_lost', firm: profile.firm, plant: profile.plant, line: profile.line, device: profile.device, kind: 'machine', ts: loss.tsMs, cause: loss.reason ?? 'unspecified' }
}

/** Stops by reason are written once, when their minute is final: the set of reasons then is too. */
function writeStops(profile: DeviceProfile, minuteMs: number, values: MinuteValues, sink: EmissionSink): void {
  const timeS = minuteMs / 1000
  for (const reason of Object.keys(values.stops).sort()) {
    const s = values.stops[reason] as { count: number; downS: number }
    if (s.count === 0 && s.downS === 0) continue
    const series = profile.stopSeries(reason, false)
    sink.point(`${series} ${timeS}`, encodeLine(series, { count: s.count, down_s: s.downS }, INTEGER_FIELDS, timeS))
  }
}

/** Forgets what no open minute needs: samples before the spread of the first open minute, final minutes. */
function prune(state: DeviceState, o: EngineOptions): void {
  const keepFromMs = state.finalThroughMs - o.maxSpreadMs
  state.keepFromMs = keepFromMs
  pruneBefore(state.changes, keepFromMs)
  pruneBefore(state.counts, keepFromMs)
  for (const series of Object.values(state.energy)) pruneBefore(series, keepFromMs)
  for (const [seq, tsMs] of state.seqs) if (tsMs < keepFromMs) state.seqs.delete(seq)
  for (const minute of state.intake.keys()) if (minute < state.finalThroughMs) state.intake.delete(minute)
  for (const minute of state.emitted.keys()) if (minute < state.finalThroughMs) state.emitted.delete(minute)
  for (const minute of state.computed.keys()) if (minute < state.finalThroughMs) state.computed.delete(minute)
  for (const minute of state.carryOut.keys()) if (minute < state.finalThroughMs - MINUTE_MS) state.carryOut.delete(minute)
  for (const [hourMs, acc] of state.hours) if (hourMs + HOUR_MS <= state.finalThroughMs && acc.hash !== null) state.hours.delete(hourMs)
}
