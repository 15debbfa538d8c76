/**
 * Machine templates for the demo registry: one entry per machine model the demo plants use.
 * Every figure names where it comes from; docs/seeds.md lists the sources in full.
 * "derived" = computed here from the formulas in reference/domain.md §1.4 with the stated inputs;
 * "estimate" = an engineering estimate within the range makers publish, not a measured value.
 */
export interface MachineTemplate {
  type: string
  unit: 'pick' | 'm' | 'kg' | 'piece' | 'doff'
  idealRatePerMin: number
  ratedPowerKw: number
  positions?: number
  meters: ('electricity' | 'steam' | 'water' | 'gas')[]
  /** Highest flow per hour of each metered medium other than electricity (registry maxFlowPerH). */
  maxFlowPerH?: Partial<Record<'steam' | 'water' | 'gas', number>>
  /** Batch machines: the count steps up by one batch at its end. */
  batchQty?: number
  /** Process gauges (issue 16): unit and plausible range. */
  gauges?: Record<string, { unit: string; min: number; max: number; label: string }>
  describe: string
}

export const CATALOG = {
  /**
   * Ring frame, 1008 spindles, Ne 40 combed compact (14.8 tex), TM 3.8 -> 24.0 TPI = 945 turns/m,
   * spindle 17 000 rpm -> 18.0 m/min -> 0.266 g/min/spindle -> 0.268 kg/min per frame (derived,
   * domain.md §1.4 ring spinning). Power: 37 kW main drive (estimate); at 75 % load and 91 %
   * efficiency it gives ~1.4 kWh/kg, close to the 1.32-1.36 kWh/kg reported for 20 tex [S18].
   */
  ringFrame40s: {
    type: 'ring_frame', unit: 'kg', idealRatePerMin: 0.268, ratedPowerKw: 37, positions: 1008, meters: ['electricity'],
    describe: '1008 spindles, Ne 40 combed compact',
  },
  /** Ring frame, 1008 spindles, Ne 32 siro colour-blended (18.5 tex), TM 3.6 -> 802 turns/m, 16 000 rpm -> 0.372 kg/min (derived). */
  ringFrame32s: {
    type: 'ring_frame', unit: 'kg', idealRatePerMin: 0.372, ratedPowerKw: 37, positions: 1008, meters: ['electricity'],
    describe: '1008 spindles, Ne 32 siro colour-blended',
  },
  /** Rotor spinning, 480 rotors, Ne 10 (59 tex) at 150 m/min delivery -> 8.9 g/min/rotor -> 4.25 kg/min (derived); ~0.3 kW per rotor position (estimate). */
  rotor480: {
    type: 'rotor_spinning', unit: 'kg', idealRatePerMin: 4.25, ratedPowerKw: 140, positions: 480, meters: ['electricity'],
    describe: '480 rotors, Ne 10 open-end',
  },
  /**
   * Blowroom line (bale opener, pre-cleaner, mixer, fine cleaner, chute feeds) sized for the six
   * cards: 600 kg/h = 10 kg/min of opened, cleaned fibre (makers quote 500-1500 kg/h per line;
   * estimate). 75 kW installed in openers, cleaners and transport fans (estimate); domain.md [S18]
   * puts the blowroom at 7.5 % of a combed-yarn mill's electricity.
   */
  blowroom600: {
    type: 'blowroom', unit: 'kg', idealRatePerMin: 10, ratedPowerKw: 75, meters: ['electricity'],
    describe: 'opening and cleaning line, 600 kg/h',
  },
  /** Card for combed cotton, 90 kg/h (makers list up to 150-250 kg/h for modern cards; combed lines run slower; estimate), 18.5 kW installed (estimate). */
  card90: {
    type: 'carding', unit: 'kg', idealRatePerMin: 1.5, ratedPowerKw: 18.5, meters: ['electricity'],
    describe: 'flat card, 90 kg/h sliver',
  },
  /**
   * Draw frame, two deliveries at 500 m/min = 1000 m/min of sliver (makers rate single deliveries
   * up to 1100 m/min; combed-yarn finishers run 400-600; estimate). At 5 ktex that is 5 kg/min.
   * 15 kW (estimate).
   */
  drawFrame: {
    type: 'drawing', unit: 'm', idealRatePerMin: 1000, ratedPowerKw: 15, positions: 2, meters: ['electricity'],
    describe: 'draw frame, 2 deliveries x 500 m/min',
  },
  /**
   * Comber, 8 heads, 400 nips/min, 4.7 mm feed per nip, 80 ktex lap, 16 % noil:
   * 400 x 0.0047 m x 80 g/m x 8 x 0.84 = 1.01 kg/min (derived from those estimates); 5.5 kW (estimate).
   */
  comber8: {
    type: 'combing', unit: 'kg', idealRatePerMin: 1.01, ratedPowerKw: 5.5, positions: 8, meters: ['electricity'],
    describe: 'comber, 8 heads, 400 nips/min',
  },
  /**
   * Roving frame, 120 spindles, flyer 1000 rpm, 40 turns/m -> 25 m/min per spindle; 600 tex roving
   * -> 15 g/min per spindle -> 1.8 kg/min per frame (derived as the ring formula of domain.md §1.4);
   * 15 kW (estimate).
   */
  rovingFrame: {
    type: 'roving', unit: 'kg', idealRatePerMin: 1.8, ratedPowerKw: 15, positions: 120, meters: ['electricity'],
    describe: 'roving frame, 120 spindles, 600 tex',
  },
  /**
   * Automatic winder, 60 drums at 1400 m/min = 84 000 m/min of yarn (makers list up to
   * 2000 m/min; estimate); at Ne 40 (14.8 tex) that is 1.24 kg/min, about the 40s ring hall's
   * output. 0.15 kW per drum plus 10 kW suction = 19 kW (estimate).
   */
  winder60: {
    type: 'winding', unit: 'm', idealRatePerMin: 84_000, ratedPowerKw: 19, positions: 60, meters: ['electricity'],
    describe: 'automatic winder, 60 drums x 1400 m/min',
  },
  /** Air-jet loom, 190 cm reed width, 750 picks/min (mill practice 600-900 rpm; estimate); 4.5 kW main motor (estimate). Compressed air is plant load. */
  airJetLoom: {
    type: 'loom', unit: 'pick', idealRatePerMin: 750, ratedPowerKw: 4.5, meters: ['electricity'],
    describe: 'air-jet loom, 190 cm, 750 ppm',
  },
  /** Rapier loom, 230 cm, 450 picks/min (estimate), 5.5 kW (estimate). */
  rapierLoom: {
    type: 'loom', unit: 'pick', idealRatePerMin: 450, ratedPowerKw: 5.5, meters: ['electricity'],
    describe: 'rapier loom, 230 cm, 450 ppm',
  },
  /**
   * Single-jersey circular knitting machine, 30" x 28 G, 96 feeders, 28 rpm, loop 2.8 mm, 14.8 tex:
   * kg/h = pi x D x G x n x F x l x tex x 60 / 1e9 = 17.6 kg/h = 0.294 kg/min (derived, [S15]); 5.5 kW (estimate).
   */
  circularKnit30: {
    type: 'circular_knitting', unit: 'kg', idealRatePerMin: 0.294, ratedPowerKw: 5.5, positions: 96, meters: ['electricity'],
    describe: '30 in x 28 G single jersey, 96 feeders',
  },
  /**
   * HT jet dyeing machine, 2 tubes x 250 kg = 500 kg batch, 6 h reactive cycle incl. load/unload
   * -> 1.39 kg/min (estimate). Main pump + reel 45 kW (estimate). Water and steam metered per machine.
   */
  /* Maximum flows (estimates): steam 0.5 t/h, about twice the heating draw of a 500 kg HT jet at
   * liquor ratio 1:6; water 15 m3/h, a DN50 fill line at ~2 m/s. The count steps by one 500 kg batch. */
  jetDyer500: {
    type: 'jet_dyeing', unit: 'kg', idealRatePerMin: 1.39, ratedPowerKw: 45, positions: 2, meters: ['electricity', 'steam', 'water'],
    maxFlowPerH: { steam: 0.5, water: 15 }, batchQty: 500,
    // HT jets dye polyester at up to 130-135 °C; below 10 °C the liquor is not what a dye house fills (estimate).
    gauges: { liquor_temp: { unit: '°C', min: 10, max: 140, label: 'Dye liquor temperature' } },
    describe: '2-tube HT jet, 500 kg batch',
  },
  /** Gas-fired 8-chamber stenter, 50 m/min for knit finishing (makers: 10-100 m/min), 180 kW fans and drives (estimate). */
  /* Maximum gas flow 80 Nm3/h: eight burners of ~100 kW each at full fire (estimate). */
  stenter8: {
    type: 'stenter', unit: 'm', idealRatePerMin: 50, ratedPowerKw: 180, meters: ['electricity', 'gas'], maxFlowPerH: { gas: 80 },
    describe: '8-chamber gas-fired stenter, 50 m/min',
  },
  /** Lockstitch station with a 550 W direct-drive servo motor (maker nameplates 400-550 W); one operation, SAM 1.25 min -> 0.8 pieces/min (estimate). */
  sewingLockstitch: {
    type: 'sewing_station', unit: 'piece', idealRatePerMin: 0.8, ratedPowerKw: 0.55, meters: [],
    describe: 'lockstitch, servo 550 W, SAM 1.25 min',
  },
  /** Overlock station, 550 W servo, SAM 0.9 min -> 1.1 pieces/min (estimate). */
  sewingOverlock: {
    type: 'sewing_station', unit: 'piece', idealRatePerMin: 1.1, ratedPowerKw: 0.55, meters: [],
    describe: 'overlock, servo 550 W, SAM 0.9 min',
  },
  /** Metered lockstitch for the down plant's pilot line (same figures, own meter). */
  sewingLockstitchMetered: {
    type: 'sewing_station', unit: 'piece', idealRatePerMin: 0.8, ratedPowerKw: 0.55, meters: ['electricity'],
    describe: 'lockstitch, servo 550 W, SAM 1.25 min, sub-metered',
  },
  /** Four-head electronic-weighing down filling machine, ~3.3 min per jacket (about 20 compartments) -> 0.3 jackets/min, 3 kW (estimate). */
  downFiller: {
    type: 'down_filling', unit: 'piece', idealRatePerMin: 0.3, ratedPowerKw: 3, meters: ['electricity'],
    describe: '4-head weighing down filler',
  },
  /** Automatic multi-ply cutting table; counts garment kits cut, 20 kits/min on a 40-ply lay (estimate); vacuum pump dominates, 22 kW (estimate). */
  cutter: {
    type: 'cutting_table', unit: 'piece', idealRatePerMin: 20, ratedPowerKw: 22, meters: ['electricity'],
    describe: 'CNC multi-ply cutter, 22 kW vacuum',
  },
  /**
   * Viscose staple spinning machine, 40 t/day = 27.8 kg/min (estimate: 18 machines -> ~250 kt/yr, the
   * scale of a large Jiujiang plant), 320 kW drives and pumps (estimate), spin-bath steam metered.
   */
  /* Maximum spin-bath steam 1.5 t/h per machine (estimate, ~1.7x the running draw). */
  viscoseSpinning: {
    type: 'fibre_spinning_line', unit: 'kg', idealRatePerMin: 27.8, ratedPowerKw: 320, positions: 24, meters: ['electricity', 'steam'], maxFlowPerH: { steam: 1.5 },
    describe: 'viscose staple spinning machine, 40 t/day',
  },
} as const satisfies Record<string, MachineTemplate>

export type TemplateName = keyof typeof CATALOG
