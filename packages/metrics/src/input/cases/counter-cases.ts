import fc from 'fast-check'
import { amounts, changes, elements, instant, interval, intervals, num, plan, production, qty, samples, segments, unit } from './arbitraries.ts'
import type { Cases } from './case.ts'

const counterOptions = fc.record({ registerModulus: num, rolloverBand: num, maxSpreadMs: num }, { requiredKeys: [] })
const timeline = fc.record({ stalenessMs: num })
const counts = fc.array(fc.record({ tsMs: instant, total: num, good: fc.option(num, { nil: undefined }) }), { maxLength: 5 })
const episodes = fc.array(fc.record({ tsMs: instant, state: fc.constant('down' as const), reason: fc.constant('warp_break') }), { maxLength: 2 })

const batchCarry = fc.record({ pendingAptMs: qty, timeKnown: fc.boolean() })
const deltaIntervals = fc.array(fc.tuple(interval, num, fc.constantFrom('increase', 'reset', 'rewind')).map(([i, delta, kind]) => ({ ...i, delta, kind })), { maxLength: 4 })

const fieldName = fc.constantFrom('running_s', 'electricity_kwh', 'electricity_peak_rate', 'stops')
const fields = fc.dictionary(fieldName, num, { maxKeys: 3 })

/** Counters, meters, ISO 22400 elements and KPIs. */
export const counterCases: Cases = {
  cleanSamples: { args: fc.tuple(samples) },
  cumulativeDeltas: { args: fc.tuple(samples, counterOptions) },
  totalDelta: { args: fc.tuple(amounts.map((a) => a.map((x) => ({ ...x, kind: 'increase' as const })))) },
  apportionDeltas: { args: fc.tuple(amounts, intervals, counterOptions) },
  windowDeltas: { args: fc.tuple(samples, intervals, counterOptions) },
  lumpLongIntervals: { args: fc.tuple(amounts, num) },
  lumpedDeltas: { args: fc.tuple(amounts, intervals, num) },
  idealQuantity: { args: fc.tuple(num, num) },
  discontinuities: {
    args: fc.tuple(fc.array(fc.tuple(interval, num, fc.constantFrom('increase', 'rewind', 'implausible_jump'), fc.record({ tsMs: instant, total: num })).map(([i, delta, kind, r]) => ({ ...i, delta, kind, readings: { prev: r, next: r } })), { maxLength: 4 })),
  },
  maxPlausibleIncrease: { args: fc.tuple(fc.record({ maxRatePerH: num, stepQty: num, margin: num, minIntervalMs: num }, { requiredKeys: ['maxRatePerH'] }), num) },
  carryGood: { args: fc.tuple(fc.array(fc.record({ producedQty: qty, goodQty: qty }), { maxLength: 4 }), fc.option(num, { nil: undefined })) },
  productionByWindow: { args: fc.tuple(counts, intervals, fc.record({ registerModulus: num, maxSpreadMs: num, goodCarryInQty: num }, { requiredKeys: [] })) },
  emptyElements: { args: fc.constant([]) },
  addElements: { args: fc.tuple(elements, elements) },
  sumElements: { args: fc.tuple(fc.array(elements, { maxLength: 3 })) },
  kpis: { args: fc.tuple(elements) },
  ratioOrNull: { args: fc.tuple(num, num) },
  rollupRule: { args: fc.tuple(fieldName) },
  rollupValue: { args: fc.tuple(fieldName, fc.option(num, { nil: undefined }), num) },
  addToRollup: { args: fc.tuple(fields, fields) },
  rollUp: { args: fc.tuple(fc.array(fields, { maxLength: 3 })) },
  elementsOf: { args: fc.tuple(segments, episodes, fc.option(production, { nil: undefined })) },
  machineElements: { args: fc.record({ changes, window: interval, timeline, plan: fc.option(plan, { nil: undefined }), production: fc.option(production, { nil: undefined }) }).map((input) => [input]) },
  machineElementsByWindow: {
    args: fc.record({ changes, counts, windows: intervals, timeline, unit, idealRatePerMin: num, counter: fc.option(counterOptions, { nil: undefined }) }).map((input) => [input]),
  },
  machineWindow: {
    args: fc.record({ changes, counts, window: interval, timeline, plan: fc.option(plan, { nil: undefined }), unit, idealRatePerMin: num, counter: fc.option(counterOptions, { nil: undefined }), goodCarryInQty: fc.option(num, { nil: undefined }), batch: fc.option(fc.record({ carryIn: batchCarry }), { nil: undefined }) }).map((input) => [input]),
  },
  batchCredit: {
    args: fc.record({ window: interval, segments, intervals: deltaIntervals, idealRatePerMin: num, carryIn: batchCarry, maxSpreadMs: fc.option(num, { nil: undefined }) }).map(({ maxSpreadMs, ...input }) => [maxSpreadMs === undefined ? input : { ...input, maxSpreadMs }]),
  },
}
