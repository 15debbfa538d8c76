import { encodeTelemetryValue, type TelemetryRecord } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { stateSamples } from './state-samples.ts'

const device = { v: 1 as const, firm: 'f1', plant: 'p1', line: 'weaving', device: 'loom-01', receivedAt: 1_772_323_201_000 }
const down: TelemetryRecord = { ...device, channel: 'state', ts: 1_772_323_200_000, state: 'down', reason: 'warp_break' }
const count: TelemetryRecord = { ...device, channel: 'count', ts: 1_772_323_200_500, total: 10 }
const running: TelemetryRecord = { ...device, channel: 'state', ts: 1_772_323_201_000, state: 'running' }
const json = (records: TelemetryRecord[]) => JSON.parse(encodeTelemetryValue(records)) as unknown

describe('state samples of a telemetry value', () => {
  it('are the record itself for a v1 state record, and none for a counter', () => {
    expect(stateSamples(json([down]))).toEqual([down])
    expect(stateSamples(json([count]))).toEqual([])
  })

  it('are every state sample of a device batch record, in order', () => {
    expect(stateSamples(json([down, count, running]))).toEqual([down, running])
    expect(stateSamples(json([count, { ...count, ts: count.ts + 1 }]))).toEqual([])
  })

  it('are none for a value that fails the contract, as the aggregator refuses it whole', () => {
    expect(stateSamples({ ...device, samples: [{ channel: 'state', ts: 1, state: 'running' }, { channel: 'count', ts: 2, total: -1 }] })).toEqual([])
    expect(stateSamples({ ...device, channel: 'state', ts: 1, state: 'exploded' })).toEqual([])
    expect(stateSamples(null)).toEqual([])
    expect(stateSamples({ samples: [null] })).toEqual([])
  })
})
