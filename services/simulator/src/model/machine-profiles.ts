import type { MachineType } from '@millstream/contract'
import type { MachineProfile, StopCause } from './machine-profile.ts'

/*
 * Behaviour of each machine type. Rates and durations are engineering estimates chosen so the
 * resulting efficiencies land in the published ranges (reference/domain.md §3): ring frames
 * 90-93 % [S14], knitting 84-95 % [S16], looms in the range of the textbook example of 96 %
 * for stops only [S8]; docs/simulator.md shows the arithmetic. Idle draw is 30-40 % of rated for
 * machines with fans, suction or heaters running (ISO 14955-1 standby idea [S33]); ~5-10 % for
 * servo-driven stations.
 */
const maintenance: StopCause = { reason: 'maintenance', state: 'planned_stop', perRunH: 1 / 168, meanMin: 90, cv: 0.3 }
const breakdown: StopCause = { reason: 'breakdown', state: 'down', perRunH: 1 / 200, meanMin: 45, cv: 0.8 }
const motorDriven = { idle: 0.35, setup: 0.35, down: 0.3, planned_stop: 0.12 }

export const MACHINE_PROFILES: Record<MachineType, MachineProfile> = {
  // Spinning preparation (issue 9): stop causes as mills log them; durations are estimates that
  // keep these machines near the 90-97 % running shares preparation departments report.
  blowroom: {
    runsThroughBreaks: true, speed: { mean: 0.95, sd: 0.02 }, outputLoss: 0,
    stops: [
      { reason: 'bale_laydown', state: 'setup', everyRunH: 8, meanMin: 15, cv: 0.3 },
      { reason: 'choke', state: 'down', perRunH: 0.05, meanMin: 20, cv: 0.6 },
      maintenance, breakdown,
    ],
    power: { running: 0.8, ...motorDriven },
  },
  drawing: {
    runsThroughBreaks: true, speed: { mean: 0.97, sd: 0.01 }, outputLoss: 0,
    stops: [
      { reason: 'sliver_break', state: 'down', perRunH: 0.5, meanMin: 2, cv: 0.5 },
      { reason: 'no_material', state: 'idle', perRunH: 0.1, meanMin: 10 },
      maintenance, breakdown,
    ],
    power: { running: 0.75, ...motorDriven },
  },
  combing: {
    runsThroughBreaks: true, speed: { mean: 0.96, sd: 0.01 }, outputLoss: 0,
    stops: [
      { reason: 'lap_change', state: 'setup', everyRunH: 2, meanMin: 2, cv: 0.3 },
      { reason: 'sliver_break', state: 'down', perRunH: 0.3, meanMin: 3, cv: 0.5 },
      { reason: 'cleaning', state: 'planned_stop', perRunH: 1 / 8, meanMin: 15, cv: 0.3 },
      maintenance, breakdown,
    ],
    power: { running: 0.8, ...motorDriven },
  },
  roving: {
    runsThroughBreaks: true, speed: { mean: 0.96, sd: 0.01 }, outputLoss: 0.01,
    stops: [
      // A full bobbin set about every 2.5 h at 600 tex; a manual doff takes 5-8 min.
      { reason: 'doffing', state: 'setup', everyRunH: 2.5, meanMin: 6, cv: 0.3 },
      { reason: 'roving_break', state: 'down', perRunH: 0.5, meanMin: 2, cv: 0.5 },
      { reason: 'no_material', state: 'idle', perRunH: 0.05, meanMin: 15 },
      maintenance, breakdown,
    ],
    power: { running: 0.78, ...motorDriven },
  },
  winding: {
    runsThroughBreaks: true, speed: { mean: 0.9, sd: 0.03 }, outputLoss: 0,
    stops: [
      { reason: 'no_material', state: 'idle', perRunH: 0.2, meanMin: 10, cv: 0.6 },
      { reason: 'splicer_fault', state: 'down', perRunH: 0.1, meanMin: 8, cv: 0.5 },
      maintenance, breakdown,
    ],
    power: { running: 0.7, ...motorDriven },
  },
  ring_frame: {
    runsThroughBreaks: true, speed: { mean: 0.97, sd: 0.01 }, outputLoss: 0.02,
    stops: [
      // Cop full about every 4 h at Ne 32-40 (~65 g cops at ~0.25 g/min per spindle); auto doffer 2-4 min.
      { reason: 'doffing', state: 'setup', everyRunH: 4.2, meanMin: 3, cv: 0.2 },
      { reason: 'roving_out', state: 'idle', perRunH: 0.04, meanMin: 12, cv: 0.5 },
      maintenance, breakdown,
    ],
    power: { running: 0.78, ...motorDriven },
  },
  rotor_spinning: {
    runsThroughBreaks: true, speed: { mean: 0.97, sd: 0.01 }, outputLoss: 0.03,
    stops: [{ reason: 'sliver_out', state: 'idle', perRunH: 0.08, meanMin: 8 }, { reason: 'rotor_cleaning', state: 'planned_stop', perRunH: 1 / 24, meanMin: 20 }, breakdown],
    power: { running: 0.8, ...motorDriven },
  },
  carding: {
    runsThroughBreaks: true, speed: { mean: 0.98, sd: 0.01 }, outputLoss: 0,
    stops: [{ reason: 'choke', state: 'down', perRunH: 0.05, meanMin: 15 }, { reason: 'no_material', state: 'idle', perRunH: 0.1, meanMin: 10 }, maintenance, breakdown],
    power: { running: 0.82, ...motorDriven },
  },
  loom: {
    // Per 1e5 picks at 750 ppm (0.45e5 picks/h): warp 2.7, weft 4.4, other 0.7 -> 1.2, 2.0, 0.3 per run hour.
    runsThroughBreaks: true, speed: { mean: 0.98, sd: 0.01 }, outputLoss: 0,
    stops: [
      { reason: 'warp_break', state: 'down', perRunH: 1.2, meanMin: 3.5, cv: 0.6 },
      { reason: 'weft_break', state: 'down', perRunH: 2.0, meanMin: 1.2, cv: 0.5 },
      { reason: 'other_stop', state: 'down', perRunH: 0.3, meanMin: 5, cv: 0.7 },
      { reason: 'beam_change', state: 'setup', perRunH: 1 / 120, meanMin: 90, cv: 0.3 },
      { reason: 'no_material', state: 'idle', perRunH: 0.01, meanMin: 60, cv: 0.8 },
      maintenance,
    ],
    power: { running: 0.8, idle: 0.3, setup: 0.25, down: 0.3, planned_stop: 0.1 },
  },
  circular_knitting: {
    runsThroughBreaks: true, speed: { mean: 0.96, sd: 0.02 }, outputLoss: 0, goodShare: 0.99,
    stops: [
      { reason: 'yarn_break', state: 'down', perRunH: 1.5, meanMin: 2, cv: 0.5 },
      { reason: 'needle_break', state: 'down', perRunH: 0.05, meanMin: 15, cv: 0.5 },
      { reason: 'hole_stop', state: 'down', perRunH: 0.3, meanMin: 3, cv: 0.5 },
      // A 25 kg roll every ~1.6 h at 17.6 kg/h ideal.
      { reason: 'roll_doff', state: 'setup', everyRunH: 1.6, meanMin: 3, cv: 0.3 },
      { reason: 'no_material', state: 'idle', perRunH: 0.05, meanMin: 20 },
      maintenance,
    ],
    power: { running: 0.7, idle: 0.3, setup: 0.3, down: 0.3, planned_stop: 0.1 },
  },
  jet_dyeing: {
    runsThroughBreaks: true, speed: { mean: 0.88, sd: 0.04 }, outputLoss: 0,
    batch: { sizeInUnit: 500, endState: 'setup', endReason: 'unload_load', endMeanMin: 35 },
    stops: [
      { reason: 'shade_check', state: 'setup', perRunH: 0.15, meanMin: 15 },
      { reason: 'no_material', state: 'idle', perRunH: 0.05, meanMin: 40 },
      { reason: 'pump_fault', state: 'down', perRunH: 0.01, meanMin: 40 },
    ],
    power: { running: 0.75, idle: 0.15, setup: 0.3, down: 0.1, planned_stop: 0.05 },
    // ~3 t steam and ~80 m3 water per t of knit fabric (estimates; reference/domain.md §3 has only
    // the 2017 draft "1.6 t water per 100 m" for woven goods [S28]).
    media: {
      steam: { running: 0.2, idle: 0.02, setup: 0.05, down: 0.02, planned_stop: 0 },
      water: { running: 5, idle: 0, setup: 8, down: 0, planned_stop: 0 },
    },
  },
  stenter: {
    runsThroughBreaks: true, speed: { mean: 0.9, sd: 0.04 }, outputLoss: 0, goodShare: 0.985,
    stops: [
      { reason: 'lot_change', state: 'setup', perRunH: 0.6, meanMin: 12 },
      { reason: 'fabric_break', state: 'down', perRunH: 0.1, meanMin: 8 },
      { reason: 'no_material', state: 'idle', perRunH: 0.3, meanMin: 20, cv: 0.8 },
      maintenance,
    ],
    power: { running: 0.75, idle: 0.55, setup: 0.5, down: 0.45, planned_stop: 0.1 },
    // Direct gas firing: ~60 Nm3/h at full load, chambers kept hot while waiting (estimate).
    media: { gas: { running: 60, idle: 35, setup: 35, down: 30, planned_stop: 5 } },
  },
  sewing_station: {
    runsThroughBreaks: false, speed: { mean: 0.78, sd: 0.08 }, outputLoss: 0, goodShare: 0.98,
    stops: [
      { reason: 'no_material', state: 'idle', perRunH: 1.2, meanMin: 4, cv: 0.8 },
      { reason: 'thread_break', state: 'down', perRunH: 2, meanMin: 0.8, cv: 0.5 },
      { reason: 'needle_change', state: 'down', perRunH: 0.1, meanMin: 3 },
      { reason: 'style_change', state: 'setup', perRunH: 0.02, meanMin: 40 },
      { reason: 'operator_away', state: 'idle', perRunH: 0.3, meanMin: 5 },
    ],
    // A servo motor stitches only part of the time it "runs" an operation; it idles near zero.
    power: { running: 0.35, idle: 0.06, setup: 0.06, down: 0.06, planned_stop: 0.04 },
  },
  down_filling: {
    runsThroughBreaks: false, speed: { mean: 0.85, sd: 0.05 }, outputLoss: 0, goodShare: 0.995,
    stops: [
      { reason: 'down_refill', state: 'idle', perRunH: 0.5, meanMin: 5 },
      { reason: 'scale_calibration', state: 'setup', perRunH: 0.1, meanMin: 10 },
      { reason: 'blockage', state: 'down', perRunH: 0.2, meanMin: 6 },
    ],
    power: { running: 0.7, idle: 0.3, setup: 0.3, down: 0.3, planned_stop: 0.1 },
  },
  cutting_table: {
    runsThroughBreaks: false, speed: { mean: 0.9, sd: 0.04 }, outputLoss: 0, goodShare: 0.998,
    stops: [
      { reason: 'spreading', state: 'setup', perRunH: 1, meanMin: 8 },
      { reason: 'no_material', state: 'idle', perRunH: 0.5, meanMin: 12 },
      { reason: 'blade_change', state: 'down', perRunH: 0.1, meanMin: 5 },
    ],
    power: { running: 0.8, idle: 0.4, setup: 0.4, down: 0.3, planned_stop: 0.1 },
  },
  fibre_spinning_line: {
    runsThroughBreaks: true, speed: { mean: 0.96, sd: 0.01 }, outputLoss: 0,
    stops: [
      { reason: 'spinneret_change', state: 'planned_stop', perRunH: 1 / 48, meanMin: 30 },
      { reason: 'tow_break', state: 'down', perRunH: 0.05, meanMin: 10 },
      { reason: 'viscose_supply', state: 'down', perRunH: 0.01, meanMin: 60 },
    ],
    power: { running: 0.85, idle: 0.5, setup: 0.5, down: 0.45, planned_stop: 0.3 },
    // Spin-bath heating on the machine itself; the plant's other process steam is on the incomer.
    media: { steam: { running: 0.9, idle: 0.4, setup: 0.4, down: 0.4, planned_stop: 0.3 } },
  },
}
