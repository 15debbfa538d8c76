import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { registryLoadProblems, registrySchema, type Registry } from '@millstream/contract'

/** The demo registry: five firms from the Jiangxi clusters, ~170 machines. */
export const DEMO_REGISTRY_PATH = fileURLToPath(new URL('../registry.json', import.meta.url))
/** The test registry: one firm, one plant, a handful of machines and meters. */
export const TEST_REGISTRY_PATH = fileURLToPath(new URL('../test-registry.json', import.meta.url))

/** An unreadable or invalid registry file: fatal at start, never retriable. */
export class RegistryLoadError extends Error {
  readonly code: 'REGISTRY_UNREADABLE' | 'REGISTRY_NOT_JSON' | 'REGISTRY_INVALID'
  readonly retriable = false
  readonly problems: string[]

  constructor(options: { code: RegistryLoadError['code']; source: string; problems: string[]; cause?: unknown }) {
    const list = options.problems.slice(0, 20).map((p) => `  - ${p}`).join('\n')
    const more = options.problems.length > 20 ? `\n  ... and ${options.problems.length - 20} more` : ''
    super(`registry ${options.source}: ${describe(options.code)}\n${list}${more}`, { cause: options.cause })
    this.name = 'RegistryLoadError'
    this.code = options.code
    this.problems = options.problems
  }
}

function describe(code: RegistryLoadError['code']): string {
  if (code === 'REGISTRY_UNREADABLE') return 'cannot read the file'
  if (code === 'REGISTRY_NOT_JSON') return 'is not valid JSON'
  return 'does not match the registry schema (@millstream/contract registrySchema)'
}

/** Validates registry JSON text; `source` names it in errors. Throws RegistryLoadError. */
export function parseRegistry(text: string, source = 'registry'): Registry {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new RegistryLoadError({ code: 'REGISTRY_NOT_JSON', source, problems: [String((cause as Error).message)], cause })
  }
  const result = registrySchema.safeParse(json)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    throw new RegistryLoadError({ code: 'REGISTRY_INVALID', source, problems })
  }
  // What the services need beyond the bare schema: every meter's maximum flow (plausibility, issue 9).
  const missing = registryLoadProblems(result.data)
  if (missing.length > 0) throw new RegistryLoadError({ code: 'REGISTRY_INVALID', source, problems: missing })
  return result.data
}

/** Reads and validates a registry file (default: the demo registry). Throws RegistryLoadError. */
export function loadRegistry(path: string = DEMO_REGISTRY_PATH): Registry {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new RegistryLoadError({ code: 'REGISTRY_UNREADABLE', source: path, problems: [String((cause as Error).message)], cause })
  }
  return parseRegistry(text, path)
}
