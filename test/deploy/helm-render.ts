import { parseAllDocuments } from 'yaml'
import { goTool, runTool, type ToolRun } from './run-tool.ts'

// helm and kubeconform as a cluster would take the chart: helm renders it, kubeconform validates
// every rendered object against Kubernetes 1.34's schemas (kept in deploy/helm/schemas: none can be
// fetched here), closed objects included, so a misspelt field fails. Strimzi's custom resources
// have no schema here and are skipped by kind (deploy/helm/README.md).
export const chart = 'deploy/helm/millstream'
export const kubeVersion = '1.34.2'
const schemaLocation = `deploy/helm/schemas/v${kubeVersion}/{{ .ResourceKind }}{{ .KindSuffix }}.json`
const strimziKinds = 'Kafka,KafkaNodePool,KafkaTopic,KafkaUser'

export interface Tools {
  helm: string
  kubeconform: string
}

export function buildTools(): Tools {
  return { helm: goTool('helm'), kubeconform: goTool('kubeconform') }
}

export function render(tools: Tools, sets: readonly string[]): ToolRun {
  return runTool(tools.helm, ['template', 'millstream', chart, '--kube-version', kubeVersion, ...sets.flatMap((s) => ['--set', s])])
}

export function validate(tools: Tools, manifests: string): ToolRun {
  return runTool(tools.kubeconform, ['-strict', '-summary', '-skip', strimziKinds, '-schema-location', schemaLocation, '-'], manifests)
}

export interface EnvVar {
  name: string
  value?: string
  valueFrom?: unknown
}

interface Container {
  env: EnvVar[]
  resources: { requests?: Record<string, string>; limits?: Record<string, string> }
  ports: { name: string; containerPort: number }[]
  readinessProbe?: { httpGet: { path: string } }
  livenessProbe?: { httpGet: { path: string } }
}

interface PodSpec {
  containers: Container[]
  volumes?: { name: string; secret?: { secretName: string }; persistentVolumeClaim?: { claimName: string; readOnly?: boolean } }[]
}

/** A rendered object, typed for the fields the tests read. */
export interface K8sObject {
  kind: string
  metadata: { name: string; labels?: Record<string, string> }
  spec?: {
    replicas?: number
    strategy?: { type: string }
    template?: { spec: PodSpec }
    scaleTargetRef?: { kind: string; name: string }
    minAvailable?: number
    maxUnavailable?: number
    accessModes?: string[]
    rules?: { host: string; http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] } }[]
    ports?: { name: string; port: number }[]
    selector?: { matchLabels?: Record<string, string> }
    ingress?: unknown[]
  }
}

export function objects(manifests: string): K8sObject[] {
  return parseAllDocuments(manifests).map((d) => d.toJS() as K8sObject | null).filter((o): o is K8sObject => o !== null)
}

export function find(all: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = all.find((o) => o.kind === kind && o.metadata.name === name)
  if (!found) throw new Error(`no ${kind} ${name} rendered`)
  return found
}

/** The first container of a workload, with its environment by name and its Secret volumes. */
export function container(workload: K8sObject) {
  const pod = workload.spec?.template?.spec
  const first = pod?.containers[0]
  if (!pod || !first) throw new Error(`${workload.kind} ${workload.metadata.name} has no container`)
  const env = new Map(first.env.map((e) => [e.name, e]))
  const secrets = new Map((pod.volumes ?? []).flatMap((v) => (v.secret ? [[v.name, v.secret.secretName] as const] : [])))
  const claims = new Map((pod.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [[v.name, v.persistentVolumeClaim] as const] : [])))
  return { ...first, env, secrets, claims }
}
