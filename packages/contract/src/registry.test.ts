import { describe, expect, it } from 'vitest'
import { indexRegistry, physicalMaxPerH, registryLoadProblems, registrySchema } from './registry.ts'

const plant = {
  id: 'p1',
  name: 'Plant 1',
  lines: [
    { id: 'weaving', name: 'Weaving', process: 'weaving', machines: [{ id: 'loom-1', name: 'Loom 1', type: 'loom', unit: 'pick', idealRatePerMin: 600, ratedPowerKw: 4 }] },
    { id: 'utilities', name: 'Utilities', process: 'utilities' },
  ],
  meters: [{ id: 'incomer', name: 'Main incomer', line: 'utilities', scope: 'plant', medium: 'electricity', maxFlowPerH: 500 }],
  shiftCalendar: { shifts: [{ id: 'a', name: 'A', start: '08:00', durationH: 12 }, { id: 'b', name: 'B', start: '20:00', durationH: 12 }] },
}

describe('registry', () => {
  it('fills defaults and indexes machines and meters by topic', () => {
    const registry = registrySchema.parse({ version: 1, firms: [{ id: 'f1', name: 'Firm', plants: [plant] }] })
    expect(registry.firms[0]?.plants[0]?.timeZone).toBe('Asia/Shanghai')
    const index = indexRegistry(registry)
    const loom = index.device({ firm: 'f1', plant: 'p1', line: 'weaving', device: 'loom-1' })
    expect(loom?.kind).toBe('machine')
    expect(loom?.channels).toEqual(['state', 'count', 'energy'])
    const incomer = index.device({ firm: 'f1', plant: 'p1', line: 'utilities', device: 'incomer' })
    expect(incomer?.kind).toBe('meter')
    expect(incomer?.channels).toEqual(['energy'])
    expect(index.device({ firm: 'f1', plant: 'p1', line: 'weaving', device: 'incomer' })).toBeUndefined()
  })

  it('refuses duplicate devices, unknown lines of meters and unknown time zones', () => {
    const bad = {
      ...plant,
      timeZone: 'Mars/Olympus',
      lines: [plant.lines[0], { ...plant.lines[0] }],
      meters: [{ id: 'm', name: 'M', line: 'nowhere', scope: 'line', medium: 'water' }],
    }
    const result = registrySchema.safeParse({ version: 1, firms: [{ id: 'f1', name: 'Firm', plants: [bad] }] })
    expect(result.success).toBe(false)
    const messages = result.error?.issues.map((i) => i.message).join('\n') ?? ''
    expect(messages).toMatch(/unknown time zone Mars\/Olympus/)
    expect(messages).toMatch(/lists a line twice/)
    expect(messages).toMatch(/unknown line nowhere/)
    expect(messages).toMatch(/weaving\/loom-1 is listed twice/)
  })

  it('lists a machine that meters a medium without the maximum the plausibility rule needs', () => {
    const dyer = { id: 'jd-1', name: 'Jet', type: 'jet_dyeing', unit: 'kg', idealRatePerMin: 1, ratedPowerKw: 0, meters: ['electricity', 'steam'] }
    const bad = { ...plant, lines: [{ id: 'dyeing', name: 'Dyeing', process: 'dyeing', machines: [dyer] }, plant.lines[1]] }
    const messages = registryLoadProblems(registrySchema.parse({ version: 1, firms: [{ id: 'f1', name: 'Firm', plants: [bad] }] })).join('\n')
    expect(messages).toMatch(/jd-1 meters electricity but has ratedPowerKw 0/)
    expect(messages).toMatch(/jd-1 meters steam but declares no maxFlowPerH.steam/)
  })

  it('lists a device id that two devices of one plant share, on different lines', () => {
    const boards = ['weaving', 'utilities'].map((line) => ({ id: 'submeter-electricity', name: `Board ${line}`, line, scope: 'line', medium: 'electricity', maxFlowPerH: 50 }))
    const machineAsMeter = { id: 'loom-1', name: 'L', line: 'utilities', scope: 'plant', medium: 'water', maxFlowPerH: 5 }
    const registry = registrySchema.parse({ version: 1, firms: [{ id: 'f1', name: 'Firm', plants: [{ ...plant, meters: [...plant.meters, ...boards, machineAsMeter] }] }] })
    expect(registryLoadProblems(registry).filter((p) => p.startsWith('device id'))).toEqual([
      'device id loom-1 is used 2 times in f1/p1 (lines weaving, utilities): device ids must be unique within a plant',
      'device id submeter-electricity is used 2 times in f1/p1 (lines weaving, utilities): device ids must be unique within a plant',
    ])
  })

  it('gives each register its physical maximum per hour, and lists meters a service cannot use', () => {
    const withDyer = { ...plant, lines: [...plant.lines, { id: 'dyeing', name: 'D', process: 'dyeing', machines: [{ id: 'jd-1', name: 'Jet', type: 'jet_dyeing', unit: 'kg', idealRatePerMin: 1.5, ratedPowerKw: 45, meters: ['electricity', 'steam'], maxFlowPerH: { steam: 0.5 } }] }] }
    const registry = registrySchema.parse({ version: 1, firms: [{ id: 'f1', name: 'Firm', plants: [withDyer] }] })
    const index = indexRegistry(registry)
    const dyer = index.device({ firm: 'f1', plant: 'p1', line: 'dyeing', device: 'jd-1' })!
    expect([physicalMaxPerH(dyer, 'count'), physicalMaxPerH(dyer, 'electricity'), physicalMaxPerH(dyer, 'steam')]).toEqual([90, 45, 0.5])
    expect(physicalMaxPerH(index.device({ firm: 'f1', plant: 'p1', line: 'utilities', device: 'incomer' })!, 'electricity')).toBe(500)
    expect(registryLoadProblems(registry)).toEqual([])
    const noFlow = registrySchema.parse({ version: 1, firms: [{ id: 'f1', name: 'Firm', plants: [{ ...plant, meters: [{ id: 'incomer', name: 'I', line: 'utilities', scope: 'plant', medium: 'water' }] }] }] })
    expect(registryLoadProblems(noFlow)).toEqual(['meter f1/p1/utilities/incomer declares no maxFlowPerH'])
  })
})
