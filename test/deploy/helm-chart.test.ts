import { beforeAll, describe, expect, it } from 'vitest'
import { goTool, runTool } from './run-tool.ts'

// The chart is checked the way a cluster would take it: helm renders it, kubeconform validates every
// rendered object against Kubernetes 1.34's schemas (kept in deploy/helm/schemas: none can be
// fetched here), closed objects included, so a misspelt field fails. Strimzi's custom resources
// have no schema here and are skipped by kind (deploy/helm/README.md).
const chart = 'deploy/helm/millstream'
const kubeVersion = '1.34.2'
const schemaLocation = `deploy/helm/schemas/v${kubeVersion}/{{ .ResourceKind }}{{ .KindSuffix }}.json`
const strimziKinds = 'Kafka,KafkaNodePool,KafkaTopic,KafkaUser'
const everythingOn = ['strimzi.enabled=true', 'strimzi.users.enabled=true', 'simulator.enabled=true', 'aggregator.autoscaling.enabled=true', 'registry.configMap.name=registry', 'mqtt.caConfigMap.name=mqtt-ca']

let helm = ''
let kubeconform = ''

function render(sets: readonly string[]) {
  return runTool(helm, ['template', 'millstream', chart, '--kube-version', kubeVersion, ...sets.flatMap((s) => ['--set', s])])
}

function validate(manifests: string) {
  return runTool(kubeconform, ['-strict', '-summary', '-skip', strimziKinds, '-schema-location', schemaLocation, '-'], manifests)
}

describe('Helm chart', () => {
  beforeAll(() => {
    helm = goTool('helm')
    kubeconform = goTool('kubeconform')
  }, 900_000)

  it('passes helm lint with the defaults and with every option on', () => {
    for (const sets of [[], everythingOn]) {
      const run = runTool(helm, ['lint', chart, '--kube-version', kubeVersion, ...sets.flatMap((s) => ['--set', s])])
      expect(run.output).toContain('0 chart(s) failed')
      expect(run.status).toBe(0)
    }
  })

  it('renders objects that validate against the Kubernetes schemas, defaults and every option on', () => {
    const defaults = render([])
    expect(defaults.status).toBe(0)
    const kinds = [...defaults.output.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]).sort()
    expect(kinds).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PodDisruptionBudget', 'PodDisruptionBudget', 'Service', 'ServiceAccount', 'StatefulSet'])
    const checked = validate(defaults.output)
    expect(checked.output).toMatch(/Valid: 8, Invalid: 0, Errors: 0, Skipped: 0/)
    expect(checked.status).toBe(0)

    const all = render(everythingOn)
    expect(all.status).toBe(0)
    const allChecked = validate(all.output)
    // Skipped: the Strimzi custom resources (Kafka, node pool, six KafkaTopics with mill.machine-hours.v1, users) have no schema here.
    expect(allChecked.output).toMatch(/Valid: 10, Invalid: 0, Errors: 0, Skipped: 10/)
    expect(allChecked.status).toBe(0)
  })

  it('kubeconform refuses an object with a field Kubernetes does not know', () => {
    const rendered = render([]).output.replace('podManagementPolicy: Parallel', 'podManagementPolicy: Parallel\n  replica: 2')
    const checked = validate(rendered)
    expect(checked.output).toContain("additional properties 'replica' not allowed")
    expect(checked.status).not.toBe(0)
  })

  it('probes every service on /healthz and /readyz and takes secrets only from Secret references', () => {
    const out = render(everythingOn).output
    expect(out.match(/path: \/readyz/g)).toHaveLength(2)
    expect(out.match(/livenessProbe:\n\s+httpGet: \{ path: \/healthz/g)).toHaveLength(2)
    expect(out).toContain('secretKeyRef:')
    expect(out).toContain('MQTT_PASSWORD_FILE')
    expect(out).not.toMatch(/name: (MQTT_PASSWORD|INFLUX_TOKEN), value:/)
  })

  it('connects each service to Kafka over TLS as its own SCRAM user, the password and CA from files', () => {
    const out = render(['strimzi.enabled=true', 'strimzi.users.enabled=true']).output
    for (const user of ['ingest', 'aggregator']) {
      expect(out).toContain(`- { name: KAFKA_SASL_USERNAME, value: "millstream-${user}" }`)
      expect(out).toMatch(new RegExp(`secretName: "millstream-${user}", items: \\[\\{ key: password, path: password \\}\\]`))
    }
    expect(out.match(/name: KAFKA_SECURITY, value: sasl_ssl/g)).toHaveLength(2)
    expect(out.match(/name: KAFKA_BROKERS, value: "millstream-kafka-bootstrap:9093"/g)?.length).toBeGreaterThanOrEqual(2)
    expect(out).not.toMatch(/KAFKA_SASL_PASSWORD\b|password=/)
    // The aggregator restores its state in groups <groupId>.restore.<uuid>: a literal grant would refuse them.
    expect(out).toMatch(/type: group, name: "millstream-aggregator", patternType: prefix/)
    const plain = render(['strimzi.enabled=true']).output
    expect(plain).not.toContain('KAFKA_SECURITY')
  })

  it('refuses more aggregator instances than telemetry partitions', () => {
    const run = render(['aggregator.replicas=30', 'kafka.telemetryPartitions=24'])
    expect(run.status).not.toBe(0)
    expect(run.output).toContain('30 instances for 24 telemetry partitions')
  })
})
