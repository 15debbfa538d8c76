import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { describe, expect, it } from 'vitest'
import { batchHours, effectivenessNote } from './effectiveness-note.ts'

const plant = loadRegistry(TEST_REGISTRY_PATH).firms[0]!.plants[0]!

describe('the note beside a null performance', () => {
  it('says that no batch ended and how long a batch of the line takes', () => {
    // jd-01: 500 kg at 1.39 kg/min = 6.0 h.
    expect(batchHours(plant, { line: 'dyeing' })).toBeCloseTo(500 / 1.39 / 60, 12)
    expect(effectivenessNote('no_batch_ended', plant, { line: 'dyeing' })).toBe('no batch ended in this window; a batch takes about 6 h at the ideal rate: performance is measured over the batches that ended')
    expect(effectivenessNote('batch_time_unknown', plant, { line: 'dyeing', machine: 'jd-01' })).toContain('their run time is not known; a batch takes about 6 h')
  })

  it('is null when performance is there, and names no batch length for lines without batch machines', () => {
    expect(effectivenessNote(null, plant, { line: 'dyeing' })).toBeNull()
    expect(batchHours(plant, { line: 'weaving' })).toBeNull()
    expect(effectivenessNote('no_run_time', plant, { line: 'weaving' })).toBe('no run time in this window')
  })
})
