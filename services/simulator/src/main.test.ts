import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TEST_REGISTRY_PATH } from '@millstream/seeds'
import { describe, expect, it } from 'vitest'

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url))
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 })

// Each case starts a Node process with tsx: seconds on a loaded 2-core CI machine, not milliseconds.
describe('the simulator command', { timeout: 60_000 }, () => {
  it('prints its help and exits 0', () => {
    const r = cli(['--help'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Usage: millstream-simulator/)
  })

  it('exits 2 with the reason on a bad flag', () => {
    const r = cli(['--mode', 'fast', '--duration', 'soon'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/millstream-simulator: --duration: expected a duration such as 500ms, 30s, 5m, 1h or 7d/)
  })

  it('generates a period into the report and summarises it on stderr', () => {
    const report = join(mkdtempSync(join(tmpdir(), 'sim-cli-')), 'r.json')
    const r = cli(['--sink', 'null', '--mode', 'fast', '--from', '2026-03-02T00:00:00+08:00', '--duration', '20m', '--registry', TEST_REGISTRY_PATH, '--report', report, '--log-level', 'silent'])
    expect(r.stderr).toMatch(/\[simulator\] done: simulated 2026-03-01T16:00:00.000Z \.\. 2026-03-01T16:20:00.000Z/)
    expect(r.status).toBe(0)
    const parsed = JSON.parse(readFileSync(report, 'utf8'))
    expect(parsed.totals.sent).toBeGreaterThan(1000)
    expect(parsed.totals.failed).toBe(0)
  })
})
