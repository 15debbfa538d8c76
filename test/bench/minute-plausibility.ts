/**
 * Issue 9 check: the highest value of every machine and meter minute in InfluxDB against what
 * the registry says the device can do in a minute (rated power, ideal rate, maximum flow).
 * Usage: node --import tsx test/bench/minute-plausibility.ts [range, default -2h]   (INFLUX_* and REGISTRY_PATH from the environment)
 * Prints the worst minutes and exits 1 if any exceeds its rating by more than the domain's margin.
 */
import { indexRegistry, physicalMaxPerH, type DeviceEntry } from '@millstream/contract'
import { DEFAULT_CONSTANTS } from '@millstream/metrics'
import { DEMO_REGISTRY_PATH, loadRegistry } from '@millstream/seeds'

const range = process.argv[2] ?? '-2h'
const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is not set (source .run/servers/env)`) })()
const registry = indexRegistry(loadRegistry(process.env.REGISTRY_PATH ?? DEMO_REGISTRY_PATH))
const FIELDS: Record<string, 'count' | 'electricity' | 'steam' | 'water' | 'gas'> = { produced_qty: 'count', electricity_kwh: 'electricity', steam_t: 'steam', water_m3: 'water', gas_nm3: 'gas' }
const flux = `from(bucket: "${env('INFLUX_BUCKET')}")
  |> range(start: ${range})
  |> filter(fn: (r) => (r._measurement == "machine_minute" or r._measurement == "meter_minute") and (${Object.keys(FIELDS).map((f) => `r._field == "${f}"`).join(' or ')}))
  |> group(columns: ["firm", "plant", "line", "machine", "meter", "_field"])
  |> max()`
const res = await fetch(`${env('INFLUX_URL')}/api/v2/query?org=${encodeURIComponent(env('INFLUX_ORG'))}`, {
  method: 'POST', headers: { Authorization: `Token ${env('INFLUX_TOKEN')}`, 'Content-Type': 'application/vnd.flux', Accept: 'application/csv' }, body: flux,
})
if (!res.ok) throw new Error(`query failed: ${res.status} ${await res.text()}`)
const [header, ...lines] = (await res.text()).trim().split(/\r?\n/).filter((l) => l !== '')
const cols = (header ?? '').split(',')
const at = (row: string[], name: string) => row[cols.indexOf(name)] ?? ''
const worst: { key: string; field: string; value: number; ratedPerMin: number; stepQty: number; ratio: number; time: string }[] = []
for (const line of lines) {
  const row = line.split(',')
  const device = at(row, 'machine') || at(row, 'meter')
  const entry: DeviceEntry | undefined = registry.device({ firm: at(row, 'firm'), plant: at(row, 'plant'), line: at(row, 'line'), device })
  const field = at(row, '_field')
  const register = FIELDS[field]
  if (!entry || !register) continue
  const ratedPerMin = physicalMaxPerH(entry, register) / 60
  // A counter moves in whole units (a batch machine's by a batch): one step is always possible.
  const stepQty = register === 'count' && entry.kind === 'machine' ? (entry.machine.batchQty ?? 1) : 0
  const value = Number(at(row, '_value'))
  worst.push({ key: `${at(row, 'plant')}/${at(row, 'line')}/${device}`, field, value, ratedPerMin, stepQty, ratio: value / ratedPerMin, time: at(row, '_time') })
}
worst.sort((a, b) => b.ratio - a.ratio)
const margin = DEFAULT_CONSTANTS.plausibilityMargin.value
const impossible = worst.filter((w) => w.value > w.ratedPerMin * margin + w.stepQty)
const show = (title: string, list: typeof worst) => {
  console.log(title)
  for (const w of list.slice(0, 8)) console.log(`  ${w.ratio.toFixed(3)}  ${w.key} ${w.field} = ${w.value.toFixed(3)} (rated ${w.ratedPerMin.toFixed(3)}/min${w.stepQty ? `, step ${w.stepQty}` : ''}) at ${w.time}`)
}
console.log(`${worst.length} device-fields over ${range}; highest minute / rated minute (allowed: x ${margin}, plus one counter step)`)
show('energy and flows:', worst.filter((w) => w.field !== 'produced_qty'))
show('production:', worst.filter((w) => w.field === 'produced_qty'))
console.log(impossible.length === 0 ? 'no impossible minute' : `${impossible.length} impossible minutes`)
process.exit(impossible.length === 0 ? 0 : 1)
