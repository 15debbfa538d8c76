import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { resolveSparkplugMapping, sparkplugMappingSchema, type Registry, type SparkplugEdgeNode } from '@millstream/contract'
import { RegistryLoadError } from './load-registry.ts'

/** How the demo and test plants speak Sparkplug B (docs/sparkplug.md, "Mapping"). */
export const SPARKPLUG_MAPPING_PATH = fileURLToPath(new URL('../sparkplug.json', import.meta.url))

/**
 * Reads and validates the Sparkplug mapping against the registry it maps into: a bad file, an
 * unknown plant or machine, or two devices under one id stop the start with every problem listed.
 */
export function loadSparkplugMapping(registry: Registry, path = SPARKPLUG_MAPPING_PATH): Map<string, SparkplugEdgeNode> {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (cause) {
    throw new RegistryLoadError({ code: 'REGISTRY_NOT_JSON', source: path, problems: [String((cause as Error).message)], cause })
  }
  const parsed = sparkplugMappingSchema.safeParse(json)
  if (!parsed.success) throw new RegistryLoadError({ code: 'REGISTRY_INVALID', source: path, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) })
  const { nodes, problems } = resolveSparkplugMapping(registry, parsed.data)
  if (problems.length > 0) throw new RegistryLoadError({ code: 'REGISTRY_INVALID', source: path, problems })
  return nodes
}
