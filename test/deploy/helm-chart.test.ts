import { beforeAll, describe, expect, it } from 'vitest'
import { runTool } from './run-tool.ts'
import { buildTools, chart, kubeVersion, render, validate, type Tools } from './helm-render.ts'

// The chart's objects validate as a cluster would take them (helm-render.ts says how); the
// services' own objects are checked one by one in helm-chart-services.test.ts.
const everythingOn = ['strimzi.enabled=true', 'strimzi.users.enabled=true', 'simulator.enabled=true', 'aggregator.autoscaling.enabled=true', 'registry.configMap.name=registry', 'mqtt.caConfigMap.name=mqtt-ca', 'api.ingress.enabled=true', 'api.ingress.tlsSecret=millstream-tls', 'api.ingress.className=nginx']
const autoscalingOff = ['ingest.autoscaling.enabled=false', 'aggregator.autoscaling.enabled=false', 'api.autoscaling.enabled=false']

let tools: Tools

const kindsOf = (manifests: string) => [...manifests.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]).sort()

describe('Helm chart', () => {
  beforeAll(() => {
    tools = buildTools()
  }, 900_000)

  it('passes helm lint with the defaults and with every option on', () => {
    for (const sets of [[], everythingOn, autoscalingOff]) {
      const run = runTool(tools.helm, ['lint', chart, '--kube-version', kubeVersion, ...sets.flatMap((s) => ['--set', s])])
      expect(run.output).toContain('0 chart(s) failed')
      expect(run.status).toBe(0)
    }
  })

  it('renders objects that validate against the Kubernetes schemas: defaults, every option on, autoscaling off', () => {
    const defaults = render(tools, [])
    expect(defaults.status).toBe(0)
    expect(kindsOf(defaults.output)).toEqual([
      ...Array<string>(4).fill('Deployment'), 'HorizontalPodAutoscaler', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'NetworkPolicy', 'PersistentVolumeClaim',
      ...Array<string>(5).fill('PodDisruptionBudget'), 'Service', 'Service', 'ServiceAccount', 'StatefulSet',
    ])
    const checked = validate(tools, defaults.output)
    expect(checked.output).toMatch(/Valid: 18, Invalid: 0, Errors: 0, Skipped: 0/)
    expect(checked.status).toBe(0)

    const all = render(tools, everythingOn)
    expect(all.status).toBe(0)
    const allChecked = validate(tools, all.output)
    // Skipped: the Strimzi custom resources (Kafka, node pool, nine KafkaTopics, four users) have no schema here.
    expect(allChecked.output).toMatch(/Valid: 21, Invalid: 0, Errors: 0, Skipped: 15/)
    expect(allChecked.status).toBe(0)

    const fixed = render(tools, autoscalingOff)
    expect(fixed.status).toBe(0)
    expect(kindsOf(fixed.output)).not.toContain('HorizontalPodAutoscaler')
    expect(validate(tools, fixed.output).output).toMatch(/Valid: 16, Invalid: 0, Errors: 0, Skipped: 0/)
  })

  it('kubeconform refuses an object with a field Kubernetes does not know', () => {
    const rendered = render(tools, []).output.replace('podManagementPolicy: Parallel', 'podManagementPolicy: Parallel\n  replica: 2')
    const checked = validate(tools, rendered)
    expect(checked.output).toContain("additional properties 'replica' not allowed")
    expect(checked.status).not.toBe(0)
  })

  it('connects each service to Kafka over TLS as its own SCRAM user, the password and CA from files', () => {
    const out = render(tools, ['strimzi.enabled=true', 'strimzi.users.enabled=true']).output
    for (const user of ['ingest', 'aggregator', 'scorer', 'api']) {
      expect(out).toContain(`- { name: KAFKA_SASL_USERNAME, value: "millstream-${user}" }`)
      expect(out).toMatch(new RegExp(`secretName: "millstream-${user}", items: \\[\\{ key: password, path: password \\}\\]`))
      expect(out).toMatch(new RegExp(`kind: KafkaUser\\nmetadata:\\n  name: millstream-${user}\\n`))
    }
    expect(out.match(/name: KAFKA_SECURITY, value: sasl_ssl/g)).toHaveLength(4)
    expect(out.match(/name: KAFKA_BROKERS, value: "millstream-kafka-bootstrap:9093"/g)?.length).toBeGreaterThanOrEqual(4)
    expect(out).not.toMatch(/KAFKA_SASL_PASSWORD\b|password=/)
    // The aggregator restores its state in groups <groupId>.restore.<uuid>, each API instance reads
    // in groups of its own: literal grants would refuse them.
    expect(out).toMatch(/type: group, name: "millstream-aggregator", patternType: prefix/)
    expect(out).toMatch(/type: group, name: "millstream-api-live-", patternType: prefix/)
    expect(out).toMatch(/type: topic, name: "mill.scores.v1", patternType: literal \}, operations: \[Write\]/)
    expect(out).toMatch(/topicName: mill.score-rollups.v1\n {2}partitions: 3\n {2}replicas: 3\n {2}config:\n {4}cleanup.policy: compact/)
    const plain = render(tools, ['strimzi.enabled=true']).output
    expect(plain).not.toContain('KAFKA_SECURITY')
  })

  it('refuses more aggregator instances than telemetry partitions, and reports without the API', () => {
    const run = render(tools, ['aggregator.replicas=30', 'kafka.telemetryPartitions=24'])
    expect(run.status).not.toBe(0)
    expect(run.output).toContain('30 instances for 24 telemetry partitions')
    const reports = render(tools, ['api.enabled=false'])
    expect(reports.status).not.toBe(0)
    expect(reports.output).toContain('every figure is read through the API')
  })
})
