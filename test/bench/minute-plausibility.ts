/**
 * Issue 9 check: the highest value of every machine and meter minute in InfluxDB against what
 * the registry says the device can do in a minute (rated power, ideal rate, maximum flow).
 * Usage: node --import tsx test/bench/minute-plausibility.ts [how far back, default 2h]   (INFLUX_* and REGISTRY_PATH from the environment)
 * Prints the worst minutes and exits 1 if any exceeds its rating by more than the domain's margin.
 */
import { flux, InfluxDB } from '@influxdata/influxdb-client'
import { indexRegistry, physicalMaxPerH, type DeviceEntry } from '@millstream/contract'
import { DEFAULT_CONSTANTS } from '@millstream/metrics'
import { parseDurationMs } from '@millstream/runtime'
import { DEMO_REGISTRY_PATH, loadRegistry } from '@millstream/seeds'

const range = (process.argv[2] ?? '2h').replace(/^-/, '')
const rangeMs = parseDurationMs(range) ?? (() => { throw new Error(`${range} is not a duration (e.g. 2h, 30m, 1d)`) })()
const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is not set (source .run/servers/env)`) })()
const registry = indexRegistry(loadRegistry(process.env.REGISTRY_PATH ?? DEMO_REGISTRY_PATH))
const FIELDS: Record<string, 'count' | 'electricity' | 'steam' | 'water' | 'gas'> = { produced_qty: 'count', electricity_kwh: 'electricity', steam_t: 'steam', water_m3: 'water', gas_nm3: 'gas' }
// The fields of FIELDS, as an `or` chain so that InfluxDB filters them in storage.
const query = flux`from(bucket: ${env('INFLUX_BUCKET')})
  |> range(start: ${new Date(Date.now() - rangeMs)})
  |> filter(fn: (r) => (r._measurement == "machine_minute" or r._measurement == "meter_minute") and
    (r._field == "produced_qty" or r._field == "electricity_kwh" or r._field == "steam_t" or r._field == "water_m3" or r._field == "gas_nm3"))
  |> group(columns: ["firm", "plant", "line", "machine", "meter", "_field"])
  |> max()`
const rows = await new InfluxDB({ url: env('INFLUX_URL'), token: env('INFLUX_TOKEN'), timeout: 120_000 }).getQueryApi(env('INFLUX_ORG')).collectRows<Record<string, unknown>>(query)
const worst: { key: string; field: string; value: number; ratedPerMin: number; stepQty: number; ratio: number; time: string }[] = []
for (const row of rows) {
  const at = (name: string) => (row[name] === undefined || row[name] === null ? '' : String(row[name]))
  const device = at('machine') || at('meter')
  const entry: DeviceEntry | undefined = registry.device({ firm: at('firm'), plant: at('plant'), line: at('line'), device })
  const field = at('_field')
  const register = FIELDS[field]
  if (!entry || !register) continue
  const ratedPerMin = physicalMaxPerH(entry, register) / 60
  // A counter moves in whole units (a batch machine's by a batch): one step is always possible.
  const stepQty = register === 'count' && entry.kind === 'machine' ? (entry.machine.batchQty ?? 1) : 0
  const value = Number(at('_value'))
  worst.push({ key: `${at('plant')}/${at('line')}/${device}`, field, value, ratedPerMin, stepQty, ratio: value / ratedPerMin, time: at('_time') })
}
worst.sort((a, b) => b.ratio - a.ratio)
const margin = DEFAULT_CONSTANTS.plausibilityMargin.value
const impossible = worst.filter((w) => w.value > w.ratedPerMin * margin + w.stepQty)
const show = (title: string, list: typeof worst) => {
  console.log(title)
  for (const w of list.slice(0, 8)) console.log(`  ${w.ratio.toFixed(3)}  ${w.key} ${w.field} = ${w.value.toFixed(3)} (rated ${w.ratedPerMin.toFixed(3)}/min${w.stepQty ? `, step ${w.stepQty}` : ''}) at ${w.time}`)
}
console.log(`${worst.length} device-fields over the last ${range}; highest minute / rated minute (allowed: x ${margin}, plus one counter step)`)
show('energy and flows:', worst.filter((w) => w.field !== 'produced_qty'))
show('production:', worst.filter((w) => w.field === 'produced_qty'))
console.log(impossible.length === 0 ? 'no impossible minute' : `${impossible.length} impossible minutes`)
process.exit(impossible.length === 0 ? 0 : 1)
