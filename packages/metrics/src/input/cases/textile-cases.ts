import fc from 'fast-check'
import { constants, num } from './arbitraries.ts'
import type { Cases } from './case.ts'

const optNum = fc.option(num, { nil: undefined })
const one = fc.tuple(num)
const two = fc.tuple(num, num)
const withConstants = fc.tuple(num, constants)

/** Loom, spinning, knitting and sewing measures, yarn counts. */
export const textileCases: Cases = {
  loomEfficiency: { args: fc.tuple(fc.record({ picks: num, ratedPpm: num, durationMs: num })) },
  loomEfficiencyFromStopRates: { args: fc.tuple(fc.record({ speedPpm: num, stops: fc.array(fc.record({ per1e5Picks: num, repairMin: num }), { maxLength: 3 }) })) },
  stopsPer1e5Picks: { args: two },
  stopRatesByReason: { args: fc.tuple(fc.dictionary(fc.constantFrom('warp_break', 'weft_break'), fc.record({ count: num, durationMs: num })), num) },
  fabricLengthM: { args: two },
  fabricMPerH: { args: fc.tuple(fc.record({ speedPpm: num, picksPerCm: num, efficiency: num })) },
  tpiFromTwistMultiplier: { args: two },
  tpiToTwistPerM: { args: one },
  ringDeliveryMPerMin: { args: two },
  ringProductionKgPerH: { args: fc.tuple(fc.record({ spindleRpm: num, twistPerM: num, tex: num, spindles: num, efficiency: optNum })) },
  ringFrameEfficiency: { args: two },
  endBreaksPer1000SpindleHours: { args: fc.tuple(fc.record({ breaks: num, spindles: num, durationMs: num })) },
  endsDownLossPct: { args: fc.tuple(fc.record({ breaksPer1000SpindleH: num, patrolH: num }), constants) },
  spindleUtilisation: { args: fc.tuple(fc.record({ runningSpindleHours: num, spindlesInstalled: num, potMs: num })) },
  knittingEfficiency: { args: two },
  circularKnittingKgPerH: { args: fc.tuple(fc.record({ diameterIn: num, gaugeNpi: num, rpm: num, feeders: num, stitchLengthMm: num, tex: num, efficiency: optNum })) },
  knittingMPerH: { args: fc.tuple(fc.record({ rpm: num, feeders: num, feedersPerCourse: num, coursesPerCm: num, efficiency: optNum })) },
  unitsPerHour: { args: two },
  sewingEfficiency: { args: fc.tuple(fc.record({ pieces: num, samMin: num, operators: num, workedMin: num })) },
  texPerNeFactor: { args: fc.tuple(constants) },
  neToTex: { args: withConstants },
  texToNe: { args: withConstants },
  nmToTex: { args: one },
  texToNm: { args: one },
  denierToTex: { args: withConstants },
  texToDenier: { args: withConstants },
  texToDtex: { args: one },
  yarnMassKg: { args: two },
  yarnLengthM: { args: two },
}
