import { describe, expect, it } from 'vitest'
import { indexRegistry, registrySchema } from './registry.ts'

const plant = {
  id: 'p1',
  name: 'Plant 1',
  lines: [
    { id: 'weaving', name: 'Weaving', process: 'weaving', machines: [{ id: 'loom-1', name: 'Loom 1', type: 'loom', unit: 'pick', idealRatePerMin: 600, ratedPowerKw: 4 }] },
    { id: 'utilities', name: 'Utilities', process: 'utilities' },
  ],
  meters: [{ id: 'incomer', name: 'Main incomer', line: 'utilities', scope: 'plant', medium: 'electricity' }],
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
})
