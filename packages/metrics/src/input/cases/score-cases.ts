import fc from 'fast-check'
import { DEFAULT_CONSTANTS } from '../../constants/default-constants.ts'
import { DEFAULT_DIGITALIZATION_CONFIG } from '../../scores/digitalization-config.ts'
import { DEFAULT_ENERGY_SCORE_CONFIG } from '../../scores/energy-config.ts'
import { constants, num, qty, ratio, unit } from './arbitraries.ts'
import type { Cases } from './case.ts'

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined })
const digitalizationInputs = fc.record(
  { networking: ratio, acquisition: ratio, completeness: ratio, timeliness: ratio, subMetering: ratio, stopAttribution: ratio, kpiComputability: ratio },
  { requiredKeys: [] },
)
const share = fc.oneof({ arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 8 }, { arbitrary: num, weight: 1 })
const part = ratio.map((r) => [r.numerator, r.denominator] as const)
const energyInputs = fc.record({
  mainMeterCompleteness: fc.option(share, { nil: null }),
  subMeteredShare: fc.option(share, { nil: null }),
  families: opt(fc.array(fc.record({ family: fc.constantFrom('dyeing_woven_cotton', 'ring_yarn'), energyKgce: qty, outputQty: qty, unit }), { maxLength: 3 })),
  baseline: opt(fc.record({ actualEnergy: qty, expectedEnergy: qty, baselineMonths: qty, yearsSinceBaseline: qty })),
  idleShare: opt(fc.option(share, { nil: null })),
  loadShift: opt(fc.tuple(part, part).map(([[peakKwh, totalKwh], [peakPotMs, potMs]]) => ({ peakKwh, totalKwh, peakPotMs, potMs }))),
})
/** A model with one weight replaced by an arbitrary number: valid only if it still sums to 1. */
const digitalizationConfig = opt(num.map((w) => ({ ...DEFAULT_DIGITALIZATION_CONFIG, components: DEFAULT_DIGITALIZATION_CONFIG.components.map((c, i) => (i === 0 ? { ...c, weight: w } : c)) })))
const energyConfig = opt(num.map((limit) => ({ ...DEFAULT_ENERGY_SCORE_CONFIG, benchmarks: DEFAULT_ENERGY_SCORE_CONFIG.benchmarks.map((b) => ({ ...b, limitKgce: limit })) })))
const peers = fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), score: fc.option(num, { nil: null }), weight: qty }), { maxLength: 4 })
const component = fc.record({ id: fc.constantFrom('a', 'b', 'c'), weight: num, redistributeTo: fc.constant([] as string[]) })

/** Scores, score models and constants. */
export const scoreCases: Cases = {
  ramp: { args: fc.tuple(num, num, num) },
  redistributeWeights: { args: fc.tuple(fc.array(component, { maxLength: 3 }), fc.constant(new Set(['a']))) },
  digitalizationScore: { args: fc.tuple(digitalizationInputs, digitalizationConfig), configErrors: true },
  energyScore: { args: fc.tuple(energyInputs, energyConfig), configErrors: true },
  resolveDigitalizationConfig: { args: fc.tuple(fc.record({ minNetworkingRate: num }, { requiredKeys: [] })), configErrors: true },
  resolveEnergyScoreConfig: { args: fc.tuple(fc.record({ advancedToLimitRatio: num, minYearsForTarget: num }, { requiredKeys: [] })), configErrors: true },
  resolveConstants: { args: fc.tuple(fc.record({ gridCo2KgPerKwh: num, kjPerKgce: num }, { requiredKeys: [] })), configErrors: true },
  miitEquipmentIndicator: { args: fc.tuple(num, num) },
  miitEvidence: { args: fc.tuple(fc.record({ machinesRegistered: qty, machinesConnected: qty, machinesDigital: qty, links: fc.record({ production_control: fc.boolean(), equipment_management: fc.boolean(), energy_management: fc.boolean(), quality_management: fc.boolean() }), oeeComputed: fc.boolean(), realtimeMedia: fc.record({ electricity: fc.boolean(), water: fc.option(fc.boolean(), { nil: null }), gas: fc.option(fc.boolean(), { nil: null }) }), perMachineEnergy: fc.boolean() })) },
  scoreLevel: { args: fc.tuple(fc.option(num, { nil: null })) },
  diagnose: { args: fc.tuple(fc.array(fc.record({ kind: fc.constantFrom('digitalization' as const, 'energy' as const), status: fc.constantFrom('ok' as const, 'insufficient_data' as const), components: fc.array(fc.record({ id: fc.constantFrom('D1', 'E3', 'X'), name: fc.constant('x'), state: fc.constant('scored' as const), weight: share, subScore: share })) }), { maxLength: 2 }), fc.constant({}), fc.oneof(fc.constant(5), num)) },
  rollupScores: { args: fc.tuple(peers) },
  percentileRanks: { args: fc.tuple(peers) },
  constantValue: { args: fc.tuple(constants, fc.constantFrom(...Object.keys(DEFAULT_CONSTANTS))) },
}
