import { describe, expect, it } from 'vitest'
import { runTool } from './run-tool.ts'

// The alert rules are code operators depend on at 3 a.m.: promtool evaluates each against series
// that should fire it and series that should not (deploy/prometheus/tests).
describe('Prometheus alert rules', () => {
  it('are valid rule files', () => {
    const run = runTool('promtool', ['check', 'rules', 'deploy/prometheus/rules/millstream-alerts.yml'])
    expect(run.output).toContain('SUCCESS')
    expect(run.status).toBe(0)
  })

  it('fire and stay quiet as their unit tests expect', () => {
    const run = runTool('promtool', ['test', 'rules', 'deploy/prometheus/tests/millstream-alerts.test.yml'])
    expect(run.output).toContain('SUCCESS')
    expect(run.status).toBe(0)
  })

  it('the demo scrape configuration is valid and loads the rules', () => {
    const run = runTool('promtool', ['check', 'config', 'deploy/prometheus/prometheus.yml'])
    expect(run.output).toContain('SUCCESS: 1 rule files found')
    expect(run.status).toBe(0)
  })
})
