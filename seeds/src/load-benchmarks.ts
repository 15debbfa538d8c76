import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { benchmarkSetSchema, type BenchmarkSet } from '@millstream/contract'
import { RegistryLoadError } from './load-registry.ts'

/** The energy and water benchmark rows (GB 36889-2025, 印染行业规范条件; docs/scores.md §2). */
export const BENCHMARKS_PATH = fileURLToPath(new URL('../benchmarks.json', import.meta.url))

/** Reads and validates a benchmark file; an invalid one is fatal at start, like a registry. */
export function loadBenchmarks(path: string = BENCHMARKS_PATH): BenchmarkSet {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new RegistryLoadError({ code: 'REGISTRY_UNREADABLE', source: path, problems: [String((cause as Error).message)], cause })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new RegistryLoadError({ code: 'REGISTRY_NOT_JSON', source: path, problems: [String((cause as Error).message)], cause })
  }
  const result = benchmarkSetSchema.safeParse(json)
  if (!result.success) throw new RegistryLoadError({ code: 'REGISTRY_INVALID', source: path, problems: result.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)) })
  return result.data
}
