import { registrySchema, type Registry } from '@millstream/contract'
import { loadRegistry } from './load-registry.ts'

/** REGISTRY_PATH: comma-separated files merged into one registry; unset: the demo plants. */
export function loadRegistries(paths: string | undefined): Registry {
  const files = (paths ?? '').split(',').map((p) => p.trim()).filter(Boolean)
  if (files.length === 0) return loadRegistry()
  const registries = files.map((f) => loadRegistry(f))
  if (registries.length === 1 && registries[0]) return registries[0]
  return registrySchema.parse({ version: 1, firms: registries.flatMap((r) => r.firms) })
}
