import { registrySchema, type Registry } from '@millstream/contract'

/** The two plants of the scripted week (scripted-week.ts), free of test-runner imports so a child process can load it. */
export const TZ = 'Asia/Shanghai'
const loom = (id: string) => ({ id, name: id, type: 'loom', unit: 'pick', idealRatePerMin: 600, ratedPowerKw: 5 })
const plant = (id: string, machines: string[]) => ({
  id, name: id, timeZone: TZ, cluster: '德安',
  lines: [{ id: 'weave', name: 'Weaving', process: 'weaving', productFamily: 'woven_fabric', machines: machines.map(loom) }, { id: 'utilities', name: 'Utilities', process: 'utilities', machines: [] }],
  meters: [{ id: 'incomer', name: 'Incomer', line: 'utilities', scope: 'plant', medium: 'electricity' }],
  shiftCalendar: { shifts: [{ id: 'day', name: 'Day', start: '00:00', durationH: 24 }] },
})
export const WEEK_REGISTRY: Registry = registrySchema.parse({
  version: 1,
  firms: [{ id: 'fa', name: 'A', plants: [plant('pa', ['m1', 'm2', 'm3'])] }, { id: 'fb', name: 'B', plants: [plant('pb', ['n1', 'n2'])] }],
})

