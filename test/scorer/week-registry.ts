import { registrySchema, type Registry } from '@millstream/contract'
import { loadBenchmarks } from '@millstream/seeds'

/** The plants of the scripted week (scripted-week.ts), free of test-runner imports so a child process can load it. */
export const TZ = 'Asia/Shanghai'
const stenter = (id: string) => ({ id, name: id, type: 'stenter', unit: 'm', idealRatePerMin: 50, ratedPowerKw: 5, meters: ['electricity', 'gas'], maxFlowPerH: { gas: 80 } })
/** Peak 08:00-20:00, valley otherwise: a flat load on a round-the-clock plan has ρ = 1 (E4). */
const TARIFF = { name: 'test', pricePerKwh: { peak: 1, valley: 0.3 }, periods: [{ from: '08:00', to: '20:00', band: 'peak' }, { from: '20:00', to: '08:00', band: 'valley' }], source: 'test' }
const plant = (id: string, cluster: string, machines: string[]) => ({
  id, name: id, timeZone: TZ, cluster, tariff: TARIFF,
  lines: [{ id: 'dye', name: 'Dyeing and finishing', process: 'finishing', productFamily: 'dyeing_woven', machines: machines.map(stenter) }, { id: 'utilities', name: 'Utilities', process: 'utilities', machines: [] }],
  meters: [{ id: 'incomer', name: 'Incomer', line: 'utilities', scope: 'plant', medium: 'electricity', maxFlowPerH: 100 }],
  shiftCalendar: { shifts: [{ id: 'day', name: 'Day', start: '00:00', durationH: 24 }] },
})
/** Two firms in two clusters: fa/pa (德安) and fb/pb (奉新); the roll-up test adds fb/pc. */
export function weekRegistry(extraPlants: ReturnType<typeof plant>[] = []): Registry {
  return registrySchema.parse({
    version: 1,
    firms: [{ id: 'fa', name: 'A', plants: [plant('pa', '德安', ['m1', 'm2', 'm3'])] }, { id: 'fb', name: 'B', plants: [plant('pb', '奉新', ['n1', 'n2']), ...extraPlants] }],
  })
}
export const WEEK_REGISTRY: Registry = weekRegistry()
export const weekPlant = plant
/** The benchmark rows of seeds/benchmarks.json: E1 of the dye house against 印染行业规范条件 ≤ 30 kgce/100 m. */
export const WEEK_BENCHMARKS = loadBenchmarks()
