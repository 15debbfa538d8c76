/**
 * The API gives its reasons (why a figure is missing) as English sentences; the dashboard shows the
 * known ones in the page's language. Each pattern becomes a message key and its parameters; an
 * unknown sentence (a newer API) is shown as sent rather than hidden.
 */
const PATTERNS: readonly [RegExp, string, readonly string[]][] = [
  [/^no output in the window$/, 'noOutput', []],
  [/^no quota benchmark for product family (\S+)$/, 'noBenchmark', ['family']],
  [/^the line has no product family in the registry$/, 'noFamily', []],
  [/^output in more than one unit \(([^)]*)\)/, 'mixedUnits', ['units']],
  [/^benchmark is per (.+), output per (.+)$/, 'otherBasis', ['benchmark', 'output']],
  [/^baseline not fitted: too_few_points$/, 'baselineTooFew', []],
  [/^baseline not fitted: output_does_not_vary$/, 'baselineFlat', []],
  [/^the plant has no tariff in the registry$/, 'noTariff', []],
  // The scorer's reasons (packages/metrics scores, services/scorer score-record.ts).
  [/^mainMeterCompleteness = (\S+), needs ≥ (\S+)$/, 'gateMainMeter', ['value', 'required']],
  [/^subMeteredShare \(D5\) = (\S+), needs ≥ (\S+)$/, 'gateSubMetered', ['value', 'required']],
  [/^D1 = (\S+), needs ≥ (\S+)$/, 'gateNetworking', ['value', 'required']],
  [/^machinesInRegistry = \S+, needs > 0$/, 'gateNoMachines', []],
  [/^no product family with output and a benchmark$/, 'noFamilyWithBenchmark', []],
  [/^baseline of (\d+) months, needs (\d+)$/, 'baselineMonths', ['months', 'needs']],
  [/^no energy baseline$/, 'noBaseline', []],
  [/^sub-metered share below (\S+)$/, 'subMeteredBelow', ['required']],
  [/^no sub-metered idle energy$/, 'noIdleEnergy', []],
  [/^no tariff calendar configured$/, 'noTariff', []],
  [/^no energy or no peak hours in planned time$/, 'noPeakHours', []],
]

/** Parameters that are shares (0-1) in the sentence and percentages on the page. */
const SHARE_PARAMS = new Set(['value', 'required'])

export function reasonMessage(text: string): { key: string; params: Record<string, string> } | null {
  for (const [pattern, key, names] of PATTERNS) {
    const m = pattern.exec(text)
    if (m) return { key: `apiReason.${key}`, params: Object.fromEntries(names.map((n, i) => [n, share(n, m[i + 1] ?? '')])) }
  }
  return null
}

/** SEC bases of the metrics package (SEC_BASIS labels) as message keys. */
export const BASIS_KEYS: Record<string, string> = { kg: 'kg', '100 m': 'm100', piece: 'piece', '10^5 picks': 'picks1e5', doff: 'doff' }

function share(name: string, text: string): string {
  const v = Number(text)
  return SHARE_PARAMS.has(name) && text !== '' && Number.isFinite(v) ? `${Math.round(v * 1000) / 10} %` : text === 'none' ? '—' : text
}
