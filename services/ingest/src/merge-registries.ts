import { registrySchema, type Registry } from '@millstream/contract'

/** One registry from several files (e.g. the demo plants and the test plant); ids must not clash. */
export function mergeRegistries(registries: Registry[]): Registry {
  if (registries.length === 1 && registries[0]) return registries[0]
  return registrySchema.parse({ version: 1, firms: registries.flatMap((r) => r.firms) })
}
