import { registrySchema, type Registry } from '@millstream/contract'

/**
 * A plant of `machines` air-jet looms in lines of 50 (benchmark only): the size the issue names,
 * 500 machines, or 1000 for memory per 1000 machines.
 */
export function benchRegistry(machines: number, plant = `bench-${machines}`): Registry {
  const lines = Array.from({ length: Math.ceil(machines / 50) }, (_, l) => ({
    id: `weaving-${String(l + 1).padStart(2, '0')}`,
    name: `Weaving hall line ${l + 1}`,
    process: 'weaving',
    machines: Array.from({ length: Math.min(50, machines - l * 50) }, (_, m) => ({
      id: `loom-${String(l * 50 + m + 1).padStart(4, '0')}`,
      name: `Loom ${l * 50 + m + 1}`,
      type: 'loom',
      unit: 'pick',
      idealRatePerMin: 750,
      ratedPowerKw: 4.5,
      meters: ['electricity'],
    })),
  }))
  return registrySchema.parse({
    version: 1,
    firms: [{
      id: 'bench-firm',
      name: 'Bench firm',
      plants: [{
        id: plant,
        name: `Bench plant of ${machines} looms`,
        timeZone: 'Asia/Shanghai',
        lines: [...lines, { id: 'utilities', name: 'Utilities', process: 'utilities' }],
        meters: [{ id: 'incomer', name: 'Incomer', line: 'utilities', scope: 'plant', medium: 'electricity', maxFlowPerH: 1_000_000 }],
        shiftCalendar: { shifts: [{ id: 'a', name: 'A', start: '08:00', durationH: 12, breaks: [{ start: '12:00', durationMin: 30 }] }, { id: 'b', name: 'B', start: '20:00', durationH: 12 }] },
      }],
    }],
  })
}
