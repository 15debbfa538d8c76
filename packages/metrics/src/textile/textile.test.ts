import { describe, expect, it } from 'vitest'
import { circularKnittingKgPerH, knittingEfficiency, knittingMPerH, sewingEfficiency, unitsPerHour } from './knitting-sewing.ts'
import { fabricLengthM, fabricMPerH, loomEfficiency, loomEfficiencyFromStopRates, stopRatesByReason, stopsPer1e5Picks } from './loom.ts'
import { endBreaksPer1000SpindleHours, endsDownLossPct, ringDeliveryMPerMin, ringFrameEfficiency, ringProductionKgPerH, tpiFromTwistMultiplier, tpiToTwistPerM } from './spinning.ts'
import { denierToTex, neToTex, nmToTex, texToDenier, texToNe, texToNm, yarnLengthM, yarnMassKg } from './yarn-count.ts'

const H = 3_600_000

describe('loom measures', () => {
  it('reproduce the textbook stop-rate efficiency example', () => {
    // Source: textilecalculations.com "Calculation of weaving loom efficiency" [S8]: 180 ppm,
    // 20 warp / 15 weft / 6 other stops per 10^5 picks at 0.85 / 0.30 / 0.12 min -> 96.16 %.
    // The page truncates 555.56 min to 555.5; the exact figure is 96.154 %.
    const eta = loomEfficiencyFromStopRates({ speedPpm: 180, stops: [{ per1e5Picks: 20, repairMin: 0.85 }, { per1e5Picks: 15, repairMin: 0.3 }, { per1e5Picks: 6, repairMin: 0.12 }] })
    expect(eta * 100).toBeCloseTo(96.16, 1)
    expect(eta).toBeCloseTo(0.961542, 6)
  })

  it('agree between the pick-count and the stop-rate forms of loom efficiency', () => {
    // 10^5 picks at 180 ppm take 555.56 min of running plus 22.22 min of stops.
    const elapsedMs = (100_000 / 180 + 22.22) * 60_000
    expect(loomEfficiency({ picks: 100_000, ratedPpm: 180, durationMs: elapsedMs })).toBeCloseTo(0.961542, 6)
    expect(loomEfficiency({ picks: 5, ratedPpm: 180, durationMs: 0 })).toBeNull()
  })

  it('normalise stops to 10^5 picks by cause', () => {
    expect(stopsPer1e5Picks(41, 200_000)).toBe(20.5)
    expect(stopRatesByReason({ warp_break: { count: 40, durationMs: 0 }, weft_break: { count: 30, durationMs: 0 } }, 200_000)).toEqual({ warp_break: 20, weft_break: 15 })
    expect(stopsPer1e5Picks(3, 0)).toBeNull()
  })

  it('turn picks into fabric length and rate', () => {
    // Source [S8b] example 02: 200 ppm, 80 picks per inch, 78 % efficiency, 9 h -> 29.25 yd.
    expect(fabricMPerH({ speedPpm: 200, picksPerCm: 80 / 2.54, efficiency: 0.78 }) * 9).toBeCloseTo(29.25 * 0.9144, 6)
    expect(fabricLengthM(30_000, 30)).toBe(10)
  })
})

describe('yarn counts', () => {
  it('convert Ne 30 to about 19.68 tex', () => {
    // Source: textilelearner count conversion tables [S11]: tex = 590.5 / Ne.
    expect(neToTex(30)).toBeCloseTo(19.68, 2)
    expect(texToNe(neToTex(30))).toBeCloseTo(30, 12)
  })

  it('convert between tex, Nm, denier and Ne as the tables print', () => {
    // Source [S11]: Nm = 1000 / tex, tex = den / 9, den = 5315 / Ne, Nm = 1.693 × Ne.
    expect(nmToTex(50)).toBe(20)
    expect(texToNm(20)).toBe(50)
    expect(denierToTex(150)).toBeCloseTo(16.667, 3)
    expect(texToDenier(16.666666666666668)).toBeCloseTo(150, 9)
    expect(texToDenier(neToTex(1))).toBeCloseTo(5315, -1)
    expect(texToNm(neToTex(30)) / 30).toBeCloseTo(1.693, 3)
  })

  it('relate yarn mass and length through tex', () => {
    expect(yarnMassKg(1_000_000, 20)).toBe(20)
    expect(yarnLengthM(20, 20)).toBe(1_000_000)
  })
})

describe('ring spinning', () => {
  it('match the imperial ring-frame production formula', () => {
    // Source [S10]: lb/shift = rpm × spindles × η × 60 × 8 / (TPI × Ne × 36 × 840).
    const ne = 30
    const tpi = tpiFromTwistMultiplier(4, ne)
    const imperialLbPerShift = (18_000 * 1 * 1 * 60 * 8) / (tpi * ne * 36 * 840)
    const si = ringProductionKgPerH({ spindleRpm: 18_000, twistPerM: tpiToTwistPerM(tpi), tex: neToTex(ne), spindles: 1 }) * 8
    expect(si).toBeCloseTo(imperialLbPerShift * 0.45359237, 6)
    expect(ringDeliveryMPerMin(18_000, 900)).toBe(20)
  })

  it('measure efficiency, end breaks per 1000 spindle-hours and ends-down loss', () => {
    expect(ringFrameEfficiency(91, 100)).toBe(0.91)
    expect(endBreaksPer1000SpindleHours({ breaks: 48, spindles: 1_200, durationMs: 8 * H })).toBe(5)
    // [S12]: e = 3 breaks per 100 spindle-hours, 0.5 h patrol -> 3 × 0.75 × 0.5 = 1.125 %.
    expect(endsDownLossPct({ breaksPer1000SpindleH: 30, patrolH: 0.5 })).toBeCloseTo(1.125, 12)
    expect(endBreaksPer1000SpindleHours({ breaks: 3, spindles: 0, durationMs: H })).toBeNull()
  })
})

describe('knitting and sewing', () => {
  it('compute circular knitting output from needles, feeders and stitch length', () => {
    // 30 in × 28 npi ≈ 2639 needles, 90 feeders, 25 rpm, 2.8 mm loops of 16.4 tex yarn.
    const kgPerH = circularKnittingKgPerH({ diameterIn: 30, gaugeNpi: 28, rpm: 25, feeders: 90, stitchLengthMm: 2.8, tex: 16.4 })
    const metresPerH = Math.PI * 30 * 28 * 90 * 25 * 60 * 2.8 / 1000
    expect(kgPerH).toBeCloseTo((metresPerH * 16.4) / 1e6, 9)
    expect(knittingMPerH({ rpm: 25, feeders: 90, feedersPerCourse: 1, coursesPerCm: 15 })).toBe(90)
    expect(knittingEfficiency(84, 100)).toBe(0.84)
  })

  it('measure sewing output per hour and efficiency against standard minutes', () => {
    expect(unitsPerHour(120, 2 * H)).toBe(60)
    expect(sewingEfficiency({ pieces: 400, samMin: 12, operators: 20, workedMin: 480 })).toBe(0.5)
    expect(unitsPerHour(1, 0)).toBeNull()
  })
})
