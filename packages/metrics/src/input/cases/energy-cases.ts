import fc from 'fast-check'
import { COAL_BASES } from '../../energy/energy-totals.ts'
import { amounts, calendar, constants, elements, instant, interval, intervals, num, segments, tariff, totals, zone } from './arbitraries.ts'
import type { Cases } from './case.ts'

const basis = fc.constantFrom(...COAL_BASES)
const point = fc.record({ output: num, energy: num })
const model = fc.record({ interceptA: num, slopeB: num, r2: num, n: num })

const unit = fc.constantFrom('kg', 'm', 'piece')
const family = fc.constantFrom('viscose', 'dyeing')
const maybe = (a: fc.Arbitrary<number>) => fc.option(a, { nil: undefined })
/** A benchmark row as seeds/benchmarks.json holds it, with any numbers. */
const benchmarkRow = fc.record({
  id: fc.constant('row'), standard: fc.constant('norm'), productFamily: family, quantity: fc.constantFrom('energy', 'fresh_water'),
  basis: fc.record({ label: fc.constantFrom('t', '100 m'), countUnit: fc.option(unit, { nil: undefined }), perQty: maybe(num) }, { requiredKeys: ['label'] }),
  limit: num, grades: fc.record({ grade1: fc.option(num, { nil: null }), grade2: fc.option(num, { nil: null }) }), status: fc.constant('secondary' as const),
})
/** A metrics SecBenchmark: the numbers any, the rest well formed. */
const secBenchmark = fc.record({
  family, basis: fc.constantFrom('t', '100 m'), countUnit: fc.option(unit, { nil: undefined }), perQty: maybe(num), limitKgce: num, advancedKgce: maybe(num), grade2Kgce: maybe(num),
  source: fc.constant('norm'), status: fc.constant('secondary' as const),
}, { requiredKeys: ['family', 'basis', 'limitKgce', 'source', 'status'] })

/** Energy totals, conversions, tariffs, idle energy and EnPI. */
export const energyCases: Cases = {
  addEnergyTotals: { args: fc.tuple(totals, totals) },
  standardCoalKgce: { args: fc.tuple(totals, constants, basis) },
  co2Kg: { args: fc.tuple(totals, constants) },
  kwhToMj: { args: fc.tuple(num) },
  mjToKwh: { args: fc.tuple(num) },
  kgceToMj: { args: fc.tuple(num, constants) },
  mjToKgce: { args: fc.tuple(num, constants) },
  kgceToGj: { args: fc.tuple(num, constants) },
  kwhToKgce: { args: fc.tuple(num, constants, basis) },
  kgceToKwh: { args: fc.tuple(num, constants, basis) },
  specificConsumption: { args: fc.tuple(num, num, fc.constantFrom('kg', 'm', 'piece', 'pick', 'doff', 'yard')) },
  bandTable: { args: fc.tuple(tariff) },
  bandAt: { args: fc.tuple(instant, tariff, zone) },
  bandSegments: { args: fc.tuple(interval, tariff, zone) },
  tariffSplit: { args: fc.tuple(amounts, tariff, zone) },
  bandDurationsMs: { args: fc.tuple(intervals, tariff, zone) },
  idleEnergy: { args: fc.tuple(amounts, segments) },
  peakRate: { args: fc.tuple(fc.array(fc.record({ tsMs: instant, power: fc.option(num, { nil: undefined }) }, { requiredKeys: ['tsMs'] }), { maxLength: 4 }), interval) },
  enpiRatio: { args: fc.tuple(num, num) },
  enpiIndex: { args: fc.tuple(num, num) },
  fitLinearBaseline: { args: fc.tuple(fc.array(point, { maxLength: 6 })) },
  expectedEnergy: { args: fc.tuple(model, num) },
  energyPerformance: { args: fc.tuple(model, point) },
  allocateFamilyEnergy: { args: fc.tuple(fc.record({ lines: fc.array(fc.record({ line: fc.constantFrom('a', 'b', 'c'), family: fc.option(fc.constantFrom('f', 'g'), { nil: null }), direct: totals }), { maxLength: 3 }), incomers: totals, weights: fc.array(fc.tuple(fc.constantFrom('a', 'b'), num), { maxLength: 2 }).map((e) => new Map(e)) })) },
  // Five arguments that must all be valid: empty readings are weighted up so the happy path is reached every run.
  loadShiftInput: { args: fc.tuple(fc.record({ readings: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: amounts, weight: 1 }), tariff, timeZone: zone, range: interval, calendar })) },
  baselineComparison: { args: fc.tuple(fc.array(fc.record({ startMs: instant, endMs: instant, output: num, energy: num }), { maxLength: 4 }), fc.record({ startMs: instant, endMs: instant, output: num, energy: num })) },
  stopAttributionInput: { args: fc.tuple(elements) },
  quotaGrade: { args: fc.tuple(num, fc.record({ grade1: num, grade2: fc.option(num, { nil: undefined }), grade3: num }, { requiredKeys: ['grade1', 'grade3'] })) },
  benchmarkGrades: { args: fc.tuple(fc.record({ limitKgce: num, advancedKgce: fc.option(num, { nil: undefined }) }, { requiredKeys: ['limitKgce'] }), num) },
  secBenchmarks: { args: fc.tuple(fc.array(benchmarkRow, { maxLength: 3 })) },
  // A lookup computes nothing: it returns one of the benchmarks it is given, so give it well-formed ones.
  findSecBenchmark: { args: fc.tuple(fc.array(secBenchmark.map((b) => ({ ...b, limitKgce: 100, advancedKgce: 80, grade2Kgce: 90, perQty: 1000 })), { maxLength: 3 }), family, unit) },
  benchmarkBasisSec: { args: fc.tuple(fc.record({ energyKgce: num, outputQty: num, unit }), fc.option(secBenchmark, { nil: undefined })) },
  secBenchmarkGrades: { args: fc.tuple(secBenchmark, num) },
  dataCompleteness: { args: fc.tuple(num, num, fc.option(num, { nil: undefined })) },
  peerBenchmark: { args: fc.tuple(fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), value: num }), { maxLength: 7 }), fc.constantFrom('a', 'b', 'x'), fc.option(num, { nil: undefined })) },
}
