import { describe, expect, it } from 'vitest'
import * as metrics from './index.ts'

describe('the package door', () => {
  it('exports the functions the aggregator and scorer build on', () => {
    for (const name of ['splitDurations', 'localWindowStart', 'shiftAt', 'planSegments', 'cumulativeDeltas', 'apportionDeltas', 'machineElements', 'addElements', 'kpis', 'standardCoalKgce', 'tariffSplit', 'idleEnergy', 'fitLinearBaseline', 'digitalizationScore', 'energyScore', 'resolveConstants'] as const) {
      expect(typeof metrics[name], name).toBe('function')
    }
  })
})
