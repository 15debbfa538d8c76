import { flux, InfluxDB, Point } from '@influxdata/influxdb-client'
import { describe, expect, it } from 'vitest'
import { servers, uniqueName } from '../support/servers.ts'

describe('the InfluxDB server', () => {
  it('stores points written through the v2 API and returns them to a Flux query', async () => {
    const { influxUrl, influxToken, influxOrg, influxBucket } = servers()
    const client = new InfluxDB({ url: influxUrl, token: influxToken })
    const measurement = uniqueName('check_points').replaceAll('-', '_')
    const writer = client.getWriteApi(influxOrg, influxBucket, 'ms')
    // The shared bucket keeps minutes for 90 days (INFLUX_MINUTE_RETENTION_DAYS): older points are dropped on write.
    const t0 = Math.floor((Date.now() - 2 * 3_600_000) / 3_600_000) * 3_600_000
    for (let i = 0; i < 10; i++) {
      writer.writePoint(new Point(measurement).tag('machine', `m${i % 2}`).floatField('energy_kwh', i * 1.5).timestamp(t0 + i * 60_000))
    }
    await writer.close()

    const rows = await client.getQueryApi(influxOrg).collectRows<{ machine: string; _value: number }>(
      flux`from(bucket: ${influxBucket})
        |> range(start: ${new Date(t0)}, stop: ${new Date(t0 + 3_600_000)})
        |> filter(fn: (r) => r._measurement == ${measurement})
        |> group(columns: ["machine"])
        |> sum()`,
    )
    const byMachine = Object.fromEntries(rows.map((r) => [r.machine, r._value]))
    expect(byMachine).toEqual({ m0: 0 + 3 + 6 + 9 + 12, m1: 1.5 + 4.5 + 7.5 + 10.5 + 13.5 })
  })
})
