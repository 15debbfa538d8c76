import { beforeAll, describe, expect, it } from 'vitest'
import { buildTools, container, find, objects, render, type K8sObject, type Tools } from './helm-render.ts'

// Each service's objects in the rendered chart, read as objects: probes, resources, disruption
// budgets, scaling, and secrets that come only from Secret references (deploy/helm/README.md).
let tools: Tools
let defaults: K8sObject[]
const name = (component: string) => `millstream-${component}`
const workloads = [['StatefulSet', 'ingest'], ['Deployment', 'aggregator'], ['Deployment', 'scorer'], ['Deployment', 'api'], ['Deployment', 'reports']] as const

function rendered(sets: readonly string[]): K8sObject[] {
  const run = render(tools, sets)
  expect(run.status, run.output).toBe(0)
  return objects(run.output)
}

describe('Helm chart services', () => {
  beforeAll(() => {
    tools = buildTools()
    defaults = rendered([])
  }, 900_000)

  it('gives every service ops-port probes, resources and a disruption budget of its own', () => {
    for (const [kind, component] of workloads) {
      const c = container(find(defaults, kind, name(component)))
      expect(c.readinessProbe?.httpGet, component).toEqual({ path: '/readyz', port: 'ops' })
      expect(c.livenessProbe?.httpGet, component).toEqual({ path: '/healthz', port: 'ops' })
      expect(c.ports.find((p) => p.name === 'ops')?.containerPort, component).toBe(9100)
      expect(c.resources.requests, component).toHaveProperty('cpu')
      expect(c.resources.limits, component).toHaveProperty('memory')
      const pdb = find(defaults, 'PodDisruptionBudget', name(component))
      expect(pdb.spec?.selector?.matchLabels?.['app.kubernetes.io/component'], component).toBe(component)
    }
  })

  it('gives the aggregator, the scorer and the API each its own InfluxDB token Secret, as a file, and ingest and reports none', () => {
    for (const component of ['aggregator', 'scorer', 'api']) {
      const c = container(find(defaults, 'Deployment', name(component)))
      expect(c.env.get('INFLUX_TOKEN_FILE')?.value, component).toBe('/etc/millstream/influx/token')
      expect(c.secrets.get('influx-token'), component).toBe(`millstream-influx-${component}`)
      expect(c.env.has('INFLUX_TOKEN'), component).toBe(false)
    }
    for (const [kind, component] of [['StatefulSet', 'ingest'], ['Deployment', 'reports']] as const) {
      const c = container(find(defaults, kind, name(component)))
      expect([...c.env.keys()].filter((k) => k.startsWith('INFLUX_')), component).toEqual([])
    }
    const renamed = rendered(['influx.tokens.api.name=api-read-token'])
    expect(container(find(renamed, 'Deployment', name('api'))).secrets.get('influx-token')).toBe('api-read-token')
    const missing = render(tools, ['influx.tokens.scorer.name='])
    expect(missing.status).not.toBe(0)
    expect(missing.output).toContain('influx.tokens.scorer.name is required')
  })

  it('names a rollup bucket for the aggregator, the scorer and the API only when influx.rollupBucket is set (default: one bucket)', () => {
    const two = rendered(['influx.rollupBucket=telemetry-rollups'])
    for (const component of ['aggregator', 'scorer', 'api']) {
      expect(container(find(defaults, 'Deployment', name(component))).env.has('INFLUX_ROLLUP_BUCKET'), component).toBe(false)
      const c = container(find(two, 'Deployment', name(component)))
      expect([c.env.get('INFLUX_BUCKET')?.value, c.env.get('INFLUX_ROLLUP_BUCKET')?.value], component).toEqual(['telemetry', 'telemetry-rollups'])
    }
  })

  it('takes no secret from a value: passwords, tokens and keys are files from Secrets', () => {
    for (const [kind, component] of workloads) {
      for (const [variable, env] of container(find(rendered(['strimzi.enabled=true', 'strimzi.users.enabled=true']), kind, name(component))).env) {
        if (/PASSWORD|TOKEN|SECRET|_KEY$/.test(variable)) expect(variable, component).toMatch(/_FILE$/)
        expect(JSON.stringify(env.valueFrom ?? {}), `${component} ${variable}`).not.toContain('secretKeyRef')
      }
    }
    const api = container(find(defaults, 'Deployment', name('api')))
    expect(api.env.get('API_JWT_SECRET_FILE')?.value).toBe('/etc/millstream/api-jwt/secret')
    expect(api.secrets.get('jwt')).toBe('millstream-api-jwt')
    expect(api.secrets.get('users')).toBe('millstream-api-users')
    const reports = container(find(defaults, 'Deployment', name('reports')))
    expect(reports.env.get('REPORTS_API_KEY_FILE')?.value).toBe('/etc/millstream/reports-key/api-key')
    expect(reports.env.get('REPORTS_API_URL')?.value).toBe('http://millstream-api:80')
  })

  it('runs the scorer and reports as one instance that is never doubled, and scales the API on CPU', () => {
    for (const component of ['scorer', 'reports']) {
      const d = find(defaults, 'Deployment', name(component))
      expect(d.spec?.replicas, component).toBe(1)
      expect(d.spec?.strategy?.type, component).toBe('Recreate')
    }
    const hpas = defaults.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => o.spec?.scaleTargetRef?.name).sort()
    expect(hpas).toEqual([name('api'), name('ingest')])
    expect(find(defaults, 'Deployment', name('api')).spec?.replicas).toBeUndefined()
    const fixed = rendered(['api.autoscaling.enabled=false', 'api.replicas=3'])
    expect(fixed.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => o.spec?.scaleTargetRef?.name)).toEqual([name('ingest')])
    expect(find(fixed, 'Deployment', name('api')).spec?.replicas).toBe(3)
  })

  it('serves the API and the dashboard through a Service and an optional Ingress, and opens only its HTTP port beside ops', () => {
    const service = find(defaults, 'Service', name('api'))
    expect(service.spec?.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }])
    expect(defaults.some((o) => o.kind === 'Ingress')).toBe(false)
    const withIngress = rendered(['api.ingress.enabled=true', 'api.ingress.host=mill.example.org', 'api.ingress.tlsSecret=mill-tls'])
    const ingress = find(withIngress, 'Ingress', name('api'))
    expect(ingress.spec?.rules?.[0]?.host).toBe('mill.example.org')
    expect(ingress.spec?.rules?.[0]?.http.paths[0]?.backend.service).toEqual({ name: name('api'), port: { name: 'http' } })
    expect(find(defaults, 'NetworkPolicy', name('api')).spec?.ingress).toEqual([{ ports: [{ port: 8080, protocol: 'TCP' }] }])
    const apiOnly = container(find(rendered(['api.dashboard=false']), 'Deployment', name('api')))
    expect(apiOnly.env.get('API_DASHBOARD_DIR')?.value).toBe('off')
    expect(container(find(defaults, 'Deployment', name('api'))).env.has('API_DASHBOARD_DIR')).toBe(false)
  })

  it('writes reports to a volume the API pods read, made by the chart or named by the operator', () => {
    const claim = find(defaults, 'PersistentVolumeClaim', name('reports'))
    expect(claim.spec?.accessModes).toEqual(['ReadWriteMany'])
    expect(container(find(defaults, 'Deployment', name('reports'))).claims.get('reports')).toEqual({ claimName: name('reports') })
    expect(container(find(defaults, 'Deployment', name('api'))).claims.get('reports')).toEqual({ claimName: name('reports'), readOnly: true })
    const own = rendered(['reports.persistence.existingClaim=mill-reports'])
    expect(own.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false)
    expect(container(find(own, 'Deployment', name('api'))).claims.get('reports')?.claimName).toBe('mill-reports')
    const noReports = rendered(['reports.enabled=false'])
    expect(noReports.some((o) => o.metadata.name === name('reports'))).toBe(false)
    expect(container(find(noReports, 'Deployment', name('api'))).claims.size).toBe(0)
  })
})
