import { COUNT_UNITS as CONTRACT_UNITS, ENERGY_MEDIA as CONTRACT_MEDIA, TARIFF_BANDS as CONTRACT_BANDS } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import * as metrics from './index.ts'

describe('the package door', () => {
  it('exports the functions the aggregator and scorer build on', () => {
    for (const name of ['splitDurations', 'localWindowStart', 'shiftAt', 'planSegments', 'cumulativeDeltas', 'windowDeltas', 'machineElements', 'machineElementsByWindow', 'addElements', 'kpis', 'standardCoalKgce', 'tariffSplit', 'idleEnergy', 'fitLinearBaseline', 'digitalizationScore', 'energyScore', 'resolveConstants'] as const) {
      expect(typeof metrics[name], name).toBe('function')
    }
  })

  it('speaks the wire contract: count units, energy media and units, tariff bands', () => {
    expect([...metrics.COUNT_UNITS]).toEqual([...CONTRACT_UNITS])
    expect(metrics.ENERGY_MEDIUM_UNITS).toEqual(Object.fromEntries(Object.entries(CONTRACT_MEDIA).map(([m, v]) => [m, v.unit])))
    expect([...metrics.TARIFF_BANDS]).toEqual([...CONTRACT_BANDS])
  })
})
