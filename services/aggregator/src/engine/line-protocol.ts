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

/** One line; `integerFields` are written with the `i` suffix. Non-finite values are refused. */
export function encodeLine(series: string, fields: Readonly<Record<string, number>>, integerFields: ReadonlySet<string>, timeS: number): string {
  const parts: string[] = []
  for (const [name, value] of Object.entries(fields)) {
    if (!Number.isFinite(value)) throw new RangeError(`field ${name} of ${series} is ${value}`)
    parts.push(integerFields.has(name) ? `${escapeKey(name)}=${Math.round(value)}i` : `${escapeKey(name)}=${value}`)
  }
  return `${series} ${parts.join(',')} ${timeS}`
}
