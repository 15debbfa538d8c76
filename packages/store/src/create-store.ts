import { InfluxDB, type QueryApi } from '@influxdata/influxdb-client'
import DataLoader from 'dataloader'
import { bucketOf, LINE_ROLLUP_FIELDS, MEASUREMENTS, type EnergyMedium, type InfluxBuckets } from '@millstream/contract'
import type { Interval, StopTally } from '@millstream/metrics'
import { countDeviceMinutes, countDeviceSlots15 } from './count-minutes.ts'
import { lastScoredEnds } from './last-scored.ts'
import { scoreRecords, type ScoreQuery } from './score-records.ts'
import { meterSeries, type MeterSeriesQuery } from './meter-series.ts'
import { processEvents, processSeries, type ProcessQuery } from './process-reads.ts'
import { reportWindows, windowIndexOf, type PlantRange } from './plant-range.ts'
import { hourlyPlantEnergy, scoreRecordsAt } from './score-reads.ts'
import * as read from './read-values.ts'
import { planRollups, splitAtLastMidnight } from './rollup-plan.ts'
import { toRows, type StoreRow } from './store-rows.ts'
import { addSums, sumFields, type GroupSums } from './sum-fields.ts'
import { sumFieldsBatch } from './sum-batch.ts'
import { sumFieldsByTime } from './sum-by-time.ts'
import { createSettledCache } from './settled-cache.ts'
import { rolledUpHours } from './rollup-presence.ts'
import { hourRuns } from './rollup-runs.ts'
import type { SumSpec } from './sum-fields.ts'

export type MachineGroupTag = 'line' | 'machine' | 'machine_type' | 'unit'
export type MeterGroupTag = 'line' | 'meter' | 'scope' | 'medium'
export type IntakeGroupTag = 'line' | 'device' | 'kind'
/** Machine measurements: one plant (or line, or machine), grouped by `by` besides the plant (none: the plant). */
export interface MachineQuery extends PlantRange {
  machine?: string
  by?: readonly MachineGroupTag[]
}
export interface MeterQuery extends PlantRange {
  meter?: string
  scope?: 'line' | 'plant'
  medium?: EnergyMedium
  by?: readonly MeterGroupTag[]
}
export interface IntakeQuery extends PlantRange {
  device?: string
  kind?: 'machine' | 'meter'
  by?: readonly IntakeGroupTag[]
}

export interface StoreOptions {
  url: string
  token: string
  org: string
  /** The minute tier's bucket. */
  bucket: string
  /** The hour roll-ups' and scores' bucket (issue 17); default: `bucket`. Each measurement is read from its tier's (contract `bucketOf`). */
  rollupBucket?: string | undefined
  timeoutMs?: number
  /** Hours that ended less than this ago are read from minutes (their rollup may not be final); default 2 h. */
  hourLagMs?: number
  /** The wall clock, for the hour lag. */
  now?: () => number
  /** Summing queries sent to InfluxDB as one Flux script at most (sum-batch.ts); default 200. */
  maxBatch?: number
  /** Answers of settled ranges kept, in rows (groups × times); default 0: no cache (settled-cache.ts). */
  cacheRows?: number
  /** Lifetime of a cached answer, so a backfill shows within it; default 15 min. */
  cacheTtlMs?: number
  /** Read whole hours of line and plant queries from the line/plant roll-ups where they exist; default true. */
  lineRollups?: boolean
}

export type Store = ReturnType<typeof createStore>

/**
 * The read side of InfluxDB (docs/data-model.md): typed answers for the scorer, the API and the
 * reports, in the plant's time zone, from the hour rollups where they are final and the minutes
 * elsewhere (rollup-plan.ts). Every query sums in InfluxDB; ratios are divided here by
 * @millstream/metrics, from the sums.
 */
export function createStore(options: StoreOptions) {
  const queryApi: QueryApi = new InfluxDB({ url: options.url, token: options.token, timeout: options.timeoutMs ?? 60_000 }).getQueryApi(options.org)
  const now = options.now ?? Date.now
  const hourLagMs = options.hourLagMs ?? 2 * 3_600_000
  const buckets: InfluxBuckets = { minutes: options.bucket, rollups: options.rollupBucket || options.bucket }
  /** A summing query located in the bucket of its measurement. */
  const located = <T extends { measurement: string }>(s: T): T & { bucket: string } => ({ ...s, bucket: bucketOf(buckets, s.measurement) })

  // Settled: older than the hour lag, which is longer than the aggregator's allowed lateness.
  const cache = createSettledCache({ maxRows: options.cacheRows ?? 0, ttlMs: options.cacheTtlMs ?? 15 * 60_000, settledAfterMs: hourLagMs, now })
  const keyOf = (kind: string, spec: SumSpec) => () => JSON.stringify([kind, spec.measurement, spec.range, spec.where, spec.fields, spec.by])
  // The parts asked for in one tick (every window of a day-by-day answer, hours and minutes) go to InfluxDB as one script.
  let sumRequests = 0
  const batch = new DataLoader<SumSpec, GroupSums>((specs) => {
    sumRequests += 1
    return sumFieldsBatch(queryApi, specs)
  }, { cache: false, maxBatchSize: options.maxBatch ?? 200 })
  const sumCached = (spec: SumSpec) => cache.get(keyOf('sum', spec), spec.range.endMs, () => batch.load(spec), (v) => v.size)
  const sumByTimeCached = (spec: SumSpec) => cache.get(keyOf('time', spec), spec.range.endMs, () => {
    sumRequests += 1
    return sumFieldsByTime(queryApi, spec)
  }, (v) => [...v.values()].reduce((n, g) => n + g.size, 0))

  /** The roll-ups of a machine measurement: per line, per plant, and the tags they keep besides those. */
  interface Rollup { line: string; plant: string; tags: readonly string[] }
  type Pair = readonly [hour: string | null, minute: string, rollup?: Rollup]
  let rollupReads = 0
  const presence = (q: PlantRange, range: Interval) =>
    cache.get(() => JSON.stringify(['presence', q.firm, q.plant, range]), range.endMs, () => rolledUpHours(queryApi, { buckets, firm: q.firm, plant: q.plant, range }), (s) => Math.ceil(s.size / 24) || 1)
  /**
   * Where a stretch of whole hours is read: the line (or plant) roll-up for hours that have one,
   * when the query asks for nothing finer than lines (no machine, type or unit); machine hours
   * otherwise. Both hold the same sums (docs/data-model.md "Line and plant roll-ups").
   */
  const hourSources = async (pair: Pair, q: PlantRange, hours: Interval, where: Record<string, string | undefined>, by: readonly string[]) => {
    const rollup = pair[2]
    const machineHours = [{ measurement: pair[0] as string, range: hours }]
    if (!rollup || options.lineRollups === false || Object.values(where).some((v) => v !== undefined) || !by.every((t) => t === 'line' || rollup.tags.includes(t))) return machineHours
    const level = by.includes('line') || q.line !== undefined ? rollup.line : rollup.plant
    const runs = hourRuns(hours, q.timeZone, await presence(q, hours))
    rollupReads += runs.filter((r) => r.rolledUp).length
    return runs.map((r) => ({ measurement: r.rolledUp ? level : (pair[0] as string), range: r.range }))
  }
  const hourSpecs = async (pair: Pair, q: PlantRange, parts: readonly Interval[], where: Record<string, string | undefined>, by: readonly string[]) =>
    (await Promise.all(parts.map((hours) => hourSources(pair, q, hours, where, by)))).flat()
  /** Field sums of one window: hours from the rollup where the plan says so, the rest from minutes. */
  const sumWindow = async (pair: Pair, q: PlantRange, window: Interval, where: Record<string, string | undefined>, fields: readonly string[], by: readonly string[]): Promise<GroupSums> => {
    const plan = pair[0] ? planRollups(window, q.timeZone, now() - hourLagMs) : { hours: null, minutes: [window] }
    // Only an open range's hours move with the clock: cut them where the cache key can stay put.
    const hourParts = (hours: Interval) => (window.endMs > now() - hourLagMs ? splitAtLastMidnight(hours, q.timeZone) : [hours])
    const spec = { where: { firm: q.firm, plant: q.plant, line: q.line, ...where }, fields, by }
    const parts = [
      ...(plan.hours && pair[0] ? (await hourSpecs(pair, q, hourParts(plan.hours), where, by)).map((s) => ({ ...spec, ...s })) : []),
      ...plan.minutes.map((range) => ({ ...spec, measurement: pair[1], range })),
    ].map(located)
    return (await Promise.all(parts.map(sumCached))).reduce(addSums, new Map())
  }
  /** Sums of minute or hour windows from one query per part (hours from the rollup, the rest from minutes), each point added to its window. */
  const sumByTime = async (pair: Pair, q: PlantRange, windows: readonly Interval[], where: Record<string, string | undefined>, fields: readonly string[], by: readonly string[]): Promise<GroupSums[]> => {
    const span = { startMs: windows[0]?.startMs ?? 0, endMs: windows.at(-1)?.endMs ?? 0 }
    const plan = pair[0] && q.windowUnit === 'hour' ? planRollups(span, q.timeZone, now() - hourLagMs) : { hours: null, minutes: [span] }
    const hourParts = (hours: Interval) => (span.endMs > now() - hourLagMs ? splitAtLastMidnight(hours, q.timeZone) : [hours])
    const spec = { where: { firm: q.firm, plant: q.plant, line: q.line, ...where }, fields, by }
    const parts = [
      ...(plan.hours && pair[0] ? (await hourSpecs(pair, q, hourParts(plan.hours), where, by)).map((s) => ({ ...spec, ...s })) : []),
      ...plan.minutes.map((range) => ({ ...spec, measurement: pair[1], range })),
    ].map(located)
    const sums = windows.map((): GroupSums => new Map())
    for (const byTime of await Promise.all(parts.map(sumByTimeCached))) {
      for (const [timeMs, groupSums] of byTime) {
        const i = windowIndexOf(windows, timeMs)
        if (i >= 0) addSums(sums[i] as GroupSums, groupSums)
      }
    }
    return sums
  }
  const rows = async <T>(pair: Pair, q: PlantRange, where: Record<string, string | undefined>, fields: readonly string[], by: readonly string[], toValues: (f: Readonly<Record<string, number>>, group: Record<string, string>, window: Interval) => T): Promise<StoreRow<T>[]> => {
    if (q.windowUnit) {
      const windows = reportWindows(q)
      const sums = await sumByTime(pair, q, windows, where, fields, by)
      return windows.flatMap((window, i) => toRows(sums[i] as GroupSums, by, window, (f, g) => toValues(f, g, window)))
    }
    // All windows at once: their queries join one batch (a month of days is one request to InfluxDB, not 30).
    const perWindow = await Promise.all(reportWindows(q).map(async (window) => toRows(await sumWindow(pair, q, window, where, fields, by), by, window, (f, g) => toValues(f, g, window))))
    return perWindow.flat()
  }
  const MACHINE: Pair = [MEASUREMENTS.machineHour, MEASUREMENTS.machineMinute, { line: MEASUREMENTS.lineHour, plant: MEASUREMENTS.plantHour, tags: [] }]
  const STOP: Pair = [MEASUREMENTS.machineStopHour, MEASUREMENTS.machineStopMinute, { line: MEASUREMENTS.lineStopHour, plant: MEASUREMENTS.plantStopHour, tags: ['reason'] }]
  const METER: Pair = [MEASUREMENTS.meterHour, MEASUREMENTS.meterMinute]
  const INTAKE: Pair = [null, MEASUREMENTS.intakeMinute]
  const machineWhere = (q: MachineQuery) => ({ machine: q.machine })

  return {
    /** Seconds in each machine state. */
    stateTime: (q: MachineQuery) => rows(MACHINE, q, machineWhere(q), read.STATE_TIME_FIELDS, q.by ?? [], read.stateSeconds),
    /** ISO 22400-2 elements summed, and OEE, availability, performance (effectiveness), quality from them. */
    async efficiency(q: MachineQuery): Promise<StoreRow<read.Efficiency>[]> {
      const by = q.by ?? []
      const stopRows = await rows(STOP, q, machineWhere(q), read.STOP_FIELDS, [...by, 'reason'], read.stops)
      const stopsOf = (group: Record<string, string>, window: Interval) => {
        const tallies: Record<string, StopTally> = {}
        for (const r of stopRows) {
          if (r.window.startMs !== window.startMs || by.some((t) => r.group[t] !== group[t])) continue
          tallies[r.group.reason ?? ''] = { count: r.values.count, durationMs: r.values.downS * 1000 }
        }
        return tallies
      }
      return rows(MACHINE, q, machineWhere(q), read.EFFICIENCY_FIELDS, by, (f, group, window) => read.efficiency(f, stopsOf(group, window)))
    },
    /** Output per count unit (always grouped by `unit` besides `by`), ideal seconds and busy-time elements. */
    production: (q: MachineQuery) => rows(MACHINE, q, machineWhere(q), read.PRODUCTION_QUERY_FIELDS, [...(q.by ?? []).filter((t) => t !== 'unit'), 'unit'], read.production),
    /** Min/max buckets of each meter's minute consumption, for charts. */
    meterSeries: (q: Omit<MeterSeriesQuery, 'buckets'>) => meterSeries(queryApi, { ...q, buckets }),
    /** Process gauges (issue 16): min, mean, max per gauge and bucket, from minutes or (whole-hour buckets) hours. */
    processSeries: (q: Omit<ProcessQuery, 'buckets'> & { bucketMs: number }) => processSeries(queryApi, { ...q, buckets }),
    /** Process readings outside their gauge's plausible range. */
    processEvents: (q: Omit<ProcessQuery, 'buckets'> & { limit: number }) => processEvents(queryApi, { ...q, buckets }),
    /** The scorer's records of a period kind (one plant or all), parsed by the contract schema. */
    scoreRecords: (q: ScoreQuery) => scoreRecords(queryApi, buckets, q),
    /** Stops (entries into `down`) and down time by reason code. */
    stopsByReason: (q: MachineQuery) => rows(STOP, q, machineWhere(q), read.STOP_FIELDS, [...(q.by ?? []), 'reason'], read.stops),
    /** Consumption of one medium at the plant-scope meters, per hour (score E4's time-of-use split). */
    hourlyPlantEnergy: (q: PlantRange & { medium: EnergyMedium }) => hourlyPlantEnergy(queryApi, { buckets, firm: q.firm, plant: q.plant, medium: q.medium, range: q.range }),
    /** Every plant's score record (JSON) for one period kind and start: what the roll-ups are built from. */
    scoreRecordsAt: (q: { period: string; startMs: number }) => scoreRecordsAt(queryApi, { buckets, ...q }),
    /** Machines' own meters: consumption per medium, and of it idle and off-shift energy. */
    machineEnergy: (q: MachineQuery) => rows(MACHINE, q, machineWhere(q), read.MACHINE_ENERGY_FIELDS, q.by ?? [], read.machineEnergy),
    /** Registry meters (plant and line incomers): consumption per medium. */
    meterEnergy: (q: MeterQuery) => rows(METER, q, { meter: q.meter, scope: q.scope, medium: q.medium }, read.METER_ENERGY_FIELDS, q.by ?? [], read.meterEnergy),
    /** What arrived per device minute (always from minutes: intake has no hour rollup). */
    intake: (q: IntakeQuery) => rows(INTAKE, q, { device: q.device, kind: q.kind }, read.INTAKE_QUERY_FIELDS, q.by ?? [], read.intake),
    /**
     * Known and unknown machine time; coverage = known / (machines × window) when `machines` (per
     * group) is given, or when grouping by machine. A missing point counts as unknown.
     */
    /** Minutes with data per device over the range (machines and meters), keyed by device id. */
    deviceMinutes: (q: PlantRange) => countDeviceMinutes(queryApi, { buckets, firm: q.firm, plant: q.plant, range: q.range }),
    /** 15-minute slots with data per device over the range (GB/T 37947 upload completeness), keyed by device id. */
    deviceSlots15: (q: PlantRange) => countDeviceSlots15(queryApi, { buckets, firm: q.firm, plant: q.plant, range: q.range }),
    /** End of the latest scored period of a kind per plant (`firm/plant` → epoch ms), looking back from sinceMs. */
    lastScoredEnds: (q: { period: string; sinceMs: number }) => lastScoredEnds(queryApi, { buckets, ...q }),
    /**
     * One plant hour's machine hours summed by line (the roll-up fields) and its stop hours by line
     * and reason: what the aggregator's roll-up stage writes as `line_hour` and `line_stop_hour`.
     */
    async machineHourSums(q: { firm: string; plant: string; hourStartMs: number }): Promise<{ lines: GroupSums; stops: GroupSums }> {
      const base = { range: { startMs: q.hourStartMs, endMs: q.hourStartMs + 3_600_000 }, where: { firm: q.firm, plant: q.plant } }
      const [lines, stops] = await Promise.all([
        sumFields(queryApi, located({ ...base, measurement: MEASUREMENTS.machineHour, fields: LINE_ROLLUP_FIELDS, by: ['line'] })),
        sumFields(queryApi, located({ ...base, measurement: MEASUREMENTS.machineStopHour, fields: read.STOP_FIELDS, by: ['line', 'reason'] })),
      ])
      return { lines, stops }
    },
    /** The same sums for every hour of a range, per hour start: one query per range (backfills). */
    async machineHourSumsByHour(q: { firm: string; plant: string; range: Interval }): Promise<Map<number, { lines: GroupSums; stops: GroupSums }>> {
      const base = { range: q.range, where: { firm: q.firm, plant: q.plant } }
      const [lines, stops] = await Promise.all([
        sumFieldsByTime(queryApi, located({ ...base, measurement: MEASUREMENTS.machineHour, fields: LINE_ROLLUP_FIELDS, by: ['line'] })),
        sumFieldsByTime(queryApi, located({ ...base, measurement: MEASUREMENTS.machineStopHour, fields: read.STOP_FIELDS, by: ['line', 'reason'] })),
      ])
      return new Map([...lines].map(([hourMs, l]) => [hourMs, { lines: l, stops: stops.get(hourMs) ?? new Map() }]))
    },
    /** Stretches of whole hours read from the line or plant roll-ups so far. */
    get rollupReads() {
      return rollupReads
    },
    /** Answers served from the settled cache so far. */
    get cacheHits() {
      return cache.hits
    },
    /** Summing requests sent to InfluxDB so far: a batch of windows and parts is one. */
    get sumRequests() {
      return sumRequests
    },
    coverage: (q: MachineQuery & { machines?: number }) =>
      rows(MACHINE, q, machineWhere(q), read.COVERAGE_FIELDS, q.by ?? [], (f, _g, w) => read.coverage(f, (w.endMs - w.startMs) / 1000, q.by?.includes('machine') || q.machine ? 1 : q.machines)),
  }
}
