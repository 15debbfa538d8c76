import { describe, expect, it } from 'vitest'
import { bucketOf, linesByBucket, measurementOfLine, tierOf } from './influx-buckets.ts'
import { MEASUREMENTS, SCORE_MEASUREMENTS } from './influx-schema.ts'

const two = { minutes: 'telemetry', rollups: 'telemetry-rollups' }

describe('InfluxDB buckets per tier', () => {
  it('puts every hour roll-up and every score measurement in the rollup tier, and minutes, intake and events in the minute tier', () => {
    const rollups = Object.values(MEASUREMENTS).filter((m) => tierOf(m) === 'rollups').sort()
    expect(rollups).toEqual(['line_hour', 'line_stop_hour', 'machine_hour', 'machine_stop_hour', 'meter_hour', 'plant_hour', 'plant_stop_hour', 'process_hour'])
    expect(Object.values(SCORE_MEASUREMENTS).map(tierOf)).toEqual(['rollups', 'rollups', 'rollups', 'rollups'])
    expect(Object.values(MEASUREMENTS).filter((m) => m.endsWith('_hour')).every((m) => tierOf(m) === 'rollups')).toBe(true)
    expect(tierOf('process_out_of_range')).toBe('minutes')
  })

  it('reads the measurement of a line-protocol line, escaped commas and spaces included', () => {
    expect(measurementOfLine('machine_minute,firm=f running_s=60 1')).toBe('machine_minute')
    expect(measurementOfLine('machine_hour running_s=60 1')).toBe('machine_hour')
    expect(measurementOfLine('odd\\,name\\ x,t=1 v=1 1')).toBe('odd\\,name\\ x')
  })

  it('splits lines between two buckets in their order, and keeps one bucket when both names are the same', () => {
    const lines = ['machine_minute,a=1 x=1 1', 'machine_hour,a=1 x=1 1', 'meter_minute,a=1 x=1 1', 'plant_score,a=1 x=1 1']
    expect([...linesByBucket(two, lines)]).toEqual([
      ['telemetry', ['machine_minute,a=1 x=1 1', 'meter_minute,a=1 x=1 1']],
      ['telemetry-rollups', ['machine_hour,a=1 x=1 1', 'plant_score,a=1 x=1 1']],
    ])
    expect([...linesByBucket({ minutes: 'one', rollups: 'one' }, lines)]).toEqual([['one', lines]])
    expect(bucketOf(two, 'machine_stop_hour')).toBe('telemetry-rollups')
  })
})
