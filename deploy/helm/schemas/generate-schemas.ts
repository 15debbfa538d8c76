// Writes the JSON schemas kubeconform validates the chart against, from the Kubernetes OpenAPI
// (v2) document that the k8s.io/kubernetes Go module carries (api/openapi-spec/swagger.json).
// kubeconform fetches schemas from the network by default; none is reachable here, so the few
// kinds the chart renders are generated once and kept in the repository (issue 17).
// Usage: node --import tsx deploy/helm/schemas/generate-schemas.ts   (needs `go` and the proxy)
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const KUBERNETES_VERSION = '1.34.2'
/** Kinds the chart renders, by OpenAPI definition name. */
const DEFINITIONS = [
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.apps.v1.StatefulSet',
  'io.k8s.api.batch.v1.Job',
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.PersistentVolumeClaim',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.policy.v1.PodDisruptionBudget',
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  'io.k8s.api.networking.v1.NetworkPolicy',
  'io.k8s.api.networking.v1.Ingress',
]

type Schema = Record<string, unknown> & { $ref?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean; type?: string; format?: string }
type Gvk = { group: string; version: string; kind: string }

/** Inlines every $ref (kubeconform's "standalone") and closes objects ("strict"): a misspelt field fails. */
function expand(schema: Schema, defs: Record<string, Schema>, stack: readonly string[]): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '')
    // Recursive definitions (none in these kinds today) are left open rather than unrolled.
    if (stack.includes(name)) return {}
    const target = defs[name]
    if (!target) throw new Error(`unknown definition ${name}`)
    return expand(target, defs, [...stack, name])
  }
  if (schema.format === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] }
  const out: Schema = { ...schema }
  delete out['x-kubernetes-group-version-kind']
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, expand(v, defs, stack)]))
    if (out.additionalProperties === undefined) out.additionalProperties = false
  }
  if (schema.items) out.items = expand(schema.items, defs, stack)
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = expand(schema.additionalProperties, defs, stack)
  return out
}

/** kubeconform's file name: kind, then the first label of the group (none for core), then the version. */
function schemaFileName({ group, version, kind }: Gvk): string {
  const groupPart = group === '' ? '' : `-${group.split('.')[0]}`
  return `${kind.toLowerCase()}${groupPart}-${version}.json`
}

function main(): void {
  const mod = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@v${KUBERNETES_VERSION}`], { encoding: 'utf8' })) as { Dir: string }
  const swagger = JSON.parse(readFileSync(join(mod.Dir, 'api/openapi-spec/swagger.json'), 'utf8')) as { definitions: Record<string, Schema> }
  const outDir = join(dirname(fileURLToPath(import.meta.url)), `v${KUBERNETES_VERSION}`)
  mkdirSync(outDir, { recursive: true })
  for (const name of DEFINITIONS) {
    const def = swagger.definitions[name]
    const gvk = (def?.['x-kubernetes-group-version-kind'] as Gvk[] | undefined)?.[0]
    if (!def || !gvk) throw new Error(`no kind definition ${name} in Kubernetes ${KUBERNETES_VERSION}`)
    const schema = expand(def, swagger.definitions, [name])
    const props = schema.properties as Record<string, Schema>
    props['apiVersion'] = { type: 'string', enum: [gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`] }
    props['kind'] = { type: 'string', enum: [gvk.kind] }
    writeFileSync(join(outDir, schemaFileName(gvk)), `${JSON.stringify({ $schema: 'http://json-schema.org/schema#', ...schema })}\n`)
  }
}

main()
