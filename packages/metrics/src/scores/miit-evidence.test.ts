import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { miitEquipmentIndicator, miitEvidence, type MiitInputs } from './miit-evidence.ts'

const allLinks = { production_control: true, equipment_management: true, energy_management: true, quality_management: true }
const base: MiitInputs = { machinesRegistered: 20, machinesConnected: 12, machinesDigital: 0, links: allLinks, oeeComputed: true, realtimeMedia: { electricity: true, water: null, gas: null }, perMachineEnergy: true }

describe('MIIT-aligned evidence', () => {
  it('puts the networking rate in MIIT bands at their edges', () => {
    expect(miitEquipmentIndicator(1, 10).points).toBe(0)
    expect(miitEquipmentIndicator(11, 100).points).toBe(1.5)
    expect(miitEquipmentIndicator(2, 10).points).toBe(1.5)
    expect(miitEquipmentIndicator(4, 10).points).toBe(3)
    expect(miitEquipmentIndicator(6, 10).points).toBe(4.5)
    expect(miitEquipmentIndicator(61, 100).points).toBe(6)
    expect(miitEquipmentIndicator(0, 0)).toEqual({ value: null, band: null, points: 0, maxPoints: 6 })
  })
  it('gives 12 of 20 connected looms 4.5 points, four links 2.8 points and scene level 3, and no official level', () => {
    const e = miitEvidence(base)
    expect(e.equipmentNetworkingRate).toEqual({ value: 0.6, band: '(40, 60 %]', points: 4.5, maxPoints: 6 })
    expect(e.dataCollectionLinks.points).toBe(2.8)
    expect(e.sceneEvidence).toEqual({ equipmentManagement: 3, energyManagement: 3 })
    expect(e.officialLevel).toBeNull()
  })
  it('evidences energy management only at level 2 when water is used but not metered in real time', () => {
    expect(miitEvidence({ ...base, realtimeMedia: { electricity: true, water: false, gas: null } }).sceneEvidence.energyManagement).toBe(2)
  })
  it('never gives fewer points to more connected machines', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (n, a, b) => {
      const [lo, hi] = [Math.min(a, b, n), Math.min(Math.max(a, b), n)]
      expect(miitEquipmentIndicator(hi, n).points).toBeGreaterThanOrEqual(miitEquipmentIndicator(lo, n).points)
    }))
  })
})
