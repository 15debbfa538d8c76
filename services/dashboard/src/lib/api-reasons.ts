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
]

export function reasonMessage(text: string): { key: string; params: Record<string, string> } | null {
  for (const [pattern, key, names] of PATTERNS) {
    const m = pattern.exec(text)
    if (m) return { key: `apiReason.${key}`, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? ''])) }
  }
  return null
}

/** SEC bases of the metrics package (SEC_BASIS labels) as message keys. */
export const BASIS_KEYS: Record<string, string> = { kg: 'kg', '100 m': 'm100', piece: 'piece', '10^5 picks': 'picks1e5', doff: 'doff' }
