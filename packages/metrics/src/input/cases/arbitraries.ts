import fc from 'fast-check'
import { DEFAULT_CONSTANTS, type ConstantName, type Constants } from '../../constants/default-constants.ts'
import { COUNT_UNITS } from '../../efficiency/elements.ts'
import { TIME_ELEMENTS } from '../../efficiency/time-element.ts'
import { TIMELINE_STATES } from '../../timeline/machine-state.ts'

/**
 * Arbitraries for the refusal property (issue 9 §3): any double (NaN, ±Infinity, -0, subnormal,
 * ±1.8e308), the edges a caller gets wrong, and plausible values so that the happy paths run too.
 */
export const num = fc.oneof(
  { arbitrary: fc.double(), weight: 3 },
  { arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1, -1, 1e308, -1e308, Number.MIN_VALUE, Number.MAX_VALUE, 2 ** 53, 1e15), weight: 2 },
  { arbitrary: fc.double({ min: 0, max: 1e4, noNaN: true }), weight: 3 },
  { arbitrary: fc.integer({ min: -10, max: 1000 }), weight: 1 },
)
/** Mostly a plausible quantity, sometimes anything: for inputs made of many numbers, all of which must be good. */
export const qty = fc.oneof({ arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }), weight: 12 }, { arbitrary: num, weight: 1 })
const T0 = Date.UTC(2026, 2, 1)
const DAY = 86_400_000
/** An instant: plausible most of the time, anything otherwise. */
export const instant = fc.oneof({ arbitrary: fc.integer({ min: T0, max: T0 + 3 * DAY }), weight: 3 }, { arbitrary: num, weight: 1 })
export const interval = fc.oneof(
  { arbitrary: fc.tuple(instant, fc.integer({ min: 0, max: 2 * DAY })).map(([startMs, len]) => ({ startMs, endMs: startMs + len })), weight: 3 },
  { arbitrary: fc.record({ startMs: instant, endMs: instant }), weight: 1 },
)
export const intervals = fc.array(interval, { maxLength: 4 })
export const amounts = fc.array(fc.tuple(interval, num).map(([i, delta]) => ({ ...i, delta })), { maxLength: 4 })
export const zone = fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'Asia/Kolkata', 'Mars/Olympus')
export const unit = fc.oneof({ arbitrary: fc.constantFrom(...COUNT_UNITS), weight: 5 }, { arbitrary: fc.constant('yard'), weight: 1 })
export const state = fc.constantFrom(...TIMELINE_STATES)
export const changes = fc.array(fc.record({ tsMs: instant, state, seq: fc.option(num, { nil: undefined }) }), { maxLength: 6 })
export const samples = fc.array(fc.record({ tsMs: instant, total: num }), { maxLength: 6 })
export const hhmm = fc.constantFrom('06:00', '22:00', '00:00', '25:00', '7:5')
export const calendar = fc.record({
  shifts: fc.array(fc.record({ id: fc.constant('a'), name: fc.constant('A'), start: hhmm, durationH: fc.oneof(num, fc.constant(8)), breaks: fc.array(fc.record({ start: hhmm, durationMin: num }), { maxLength: 1 }) }), { maxLength: 2 }),
})
export const tariff = fc.record({
  pricePerKwh: fc.record({ valley: num, peak: num }),
  periods: fc.constant([{ from: '23:00', to: '07:00', band: 'valley' as const }, { from: '07:00', to: '23:00', band: 'peak' as const }]),
})
export const segments = fc.array(fc.tuple(interval, fc.constantFrom(...TIME_ELEMENTS), state).map(([i, element, s]) => ({ ...i, element, state: s, plan: 'shift' as const })), { maxLength: 4 })
export const plan = fc.array(interval.map((i) => ({ ...i, kind: 'shift' as const })), { maxLength: 2 })
export const production = fc.record({ unit, producedQty: num, goodQty: fc.option(num, { nil: undefined }), idealRatePerMin: num })
const byUnit = fc.dictionary(fc.constantFrom(...COUNT_UNITS), qty, { maxKeys: 2 })
export const elements = fc.record({
  creditedAptMs: qty, creditedIdealMs: qty,
  aptMs: qty, asutMs: qty, adetMs: qty, adotMs: qty, pdtMs: qty, nonScheduledMs: qty, unknownMs: qty, reasonedMs: qty,
  idealProducedMs: qty, idealInspectedMs: qty, idealGoodMs: qty,
  producedQty: byUnit, inspectedQty: byUnit, goodQty: byUnit,
  stops: fc.dictionary(fc.constantFrom('warp_break', 'unspecified'), fc.record({ count: qty, durationMs: qty }), { maxKeys: 2 }),
}, { requiredKeys: ['aptMs', 'asutMs', 'adetMs', 'adotMs', 'pdtMs', 'nonScheduledMs', 'unknownMs', 'reasonedMs', 'idealProducedMs', 'idealInspectedMs', 'idealGoodMs', 'producedQty', 'inspectedQty', 'goodQty', 'stops'] })
/** The default constants with a few values replaced by arbitrary numbers. */
export const constants = fc
  .dictionary(fc.constantFrom(...(Object.keys(DEFAULT_CONSTANTS) as ConstantName[])), num, { maxKeys: 3 })
  .map((values): Constants => {
    const c: Constants = { ...DEFAULT_CONSTANTS }
    for (const [name, value] of Object.entries(values) as [ConstantName, number][]) c[name] = { ...c[name], value }
    return c
  })
export const totals = fc.record({ electricity: num, steam: num, water: num, gas: num }, { requiredKeys: [] })
/** A part and its whole: usually the part fits, sometimes anything (more connected machines than registered). */
export const ratio = fc.oneof(
  { arbitrary: fc.tuple(qty, qty).map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) })), weight: 6 },
  { arbitrary: fc.record({ numerator: num, denominator: num }), weight: 1 },
)
