import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SCORER_JOBS, SCORER_RUN_OUTCOMES } from '../../services/scorer/src/scorer-metrics.ts'
import { repoRoot, runTool } from './run-tool.ts'

// Alerts and panels on a metric nobody exposes stay silent forever: every name they use must be
// one a service registers, or one of the scorer's documented future metrics (docs/operations.md).
const scorerContract = ['millstream_scorer_runs_total', 'millstream_scorer_last_success_timestamp_seconds']
// prom-client's default metrics, which every service's registry carries (collectDefaultMetrics).
const promClientDefaults = ['process_cpu_seconds_total', 'process_resident_memory_bytes']
const rules = readFileSync(join(repoRoot, 'deploy/prometheus/rules/millstream-alerts.yml'), 'utf8')
const dashboard = JSON.parse(readFileSync(join(repoRoot, 'deploy/grafana/millstream-operations.json'), 'utf8')) as {
  panels: { targets?: { expr: string }[] }[]
}
const panelExprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
}

function registeredNames(): Set<string> {
  const dirs = ['packages/runtime/src', ...readdirSync(join(repoRoot, 'services')).map((s) => `services/${s}/src`)]
  const names = new Set<string>()
  for (const file of dirs.flatMap((d) => sourceFiles(join(repoRoot, d)))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/name: '([a-z_]+)'/g)) names.add(m[1] ?? '')
  }
  return names
}

function usedNames(text: string): string[] {
  return [...text.matchAll(/\b((?:millstream|process)_[a-z_]+)/g)].map((m) => (m[1] ?? '').replace(/_(bucket|sum|count)$/, ''))
}

describe('metric names in alerts and the dashboard', () => {
  const known = new Set([...registeredNames(), ...scorerContract, ...promClientDefaults])

  it('are all exposed by a service or part of the scorer contract', () => {
    const used = [...new Set([...usedNames(rules), ...panelExprs.flatMap(usedNames)])]
    expect(used.length).toBeGreaterThan(20)
    expect(used.filter((n) => !known.has(n))).toEqual([])
  })

  it('match only label values the scorer emits (a rule on outcome="failure" never fired: the scorer says failed)', () => {
    const texts = [rules, ...panelExprs]
    const matchers = texts.flatMap((t) => [...t.matchAll(/millstream_scorer_[a-z_]+\{([^}]*)\}/g)].flatMap((m) => [...(m[1] ?? '').matchAll(/(\w+)=\\?"([^"\\]*)\\?"/g)]))
    const allowed: Record<string, readonly string[]> = { outcome: SCORER_RUN_OUTCOMES, job: SCORER_JOBS }
    expect(matchers.length).toBeGreaterThanOrEqual(3)
    expect(matchers.map(([, label, value]) => `${label}=${value}`).filter((lv) => { const [label, value] = lv.split('='); return !(allowed[label ?? ''] ?? []).includes(value ?? '') })).toEqual([])
  })

  it('the dashboard queries are valid PromQL', () => {
    // promtool parses recording rules: each panel query becomes one, with Grafana's variable bound.
    const lines = panelExprs.map((e, i) => `      - record: dashboard:query_${i}\n        expr: ${JSON.stringify(e.replaceAll('$__rate_interval', '5m'))}`)
    const file = join(mkdtempSync(join(tmpdir(), 'millstream-dash-')), 'queries.yml')
    writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${lines.join('\n')}\n`)
    const run = runTool('promtool', ['check', 'rules', file])
    expect(run.output).toContain(`SUCCESS: ${panelExprs.length} rules found`)
    expect(run.status).toBe(0)
  })
})
