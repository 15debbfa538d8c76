/**
 * InfluxDB line protocol (https://docs.influxdata.com/influxdb/v2/reference/syntax/line-protocol/).
 * Pure: the engine encodes its points itself, so a point's text is also its identity for
 * change detection.
 */

const escapeKey = (s: string) => s.replace(/[,= \\]/g, (c) => `\\${c}`)
const escapeMeasurement = (s: string) => s.replace(/[, \\]/g, (c) => `\\${c}`)

/** `measurement,tag=value,...` with tags sorted by key, as InfluxDB recommends. */
export function seriesKey(measurement: string, tags: Readonly<Record<string, string>>): string {
  const pairs = Object.keys(tags)
    .sort()
    .filter((k) => tags[k] !== '')
    .map((k) => `${escapeKey(k)}=${escapeKey(tags[k] as string)}`)
  return [escapeMeasurement(measurement), ...pairs].join(',')
}

/** Field names escaped once: a device writes the same few dozen names every minute. */
const escapedNames = new Map<string, string>()
const MAX_ESCAPED_NAMES = 10_000

function escapedName(name: string): string {
  let escaped = escapedNames.get(name)
  if (escaped === undefined) {
    escaped = escapeKey(name)
    if (escapedNames.size < MAX_ESCAPED_NAMES) escapedNames.set(name, escaped)
  }
  return escaped
}

/** One line; `integerFields` are written with the `i` suffix. Non-finite values are refused. */
export function encodeLine(series: string, fields: Readonly<Record<string, number>>, integerFields: ReadonlySet<string>, timeS: number): string {
  let text = ''
  for (const name in fields) {
    const value = fields[name] as number
    if (!Number.isFinite(value)) throw new RangeError(`field ${name} of ${series} is ${value}`)
    const field = integerFields.has(name) ? `${escapedName(name)}=${Math.round(value)}i` : `${escapedName(name)}=${value}`
    text = text === '' ? field : `${text},${field}`
  }
  return `${series} ${text} ${timeS}`
}
