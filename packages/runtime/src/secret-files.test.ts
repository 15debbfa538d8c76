import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConfigError, loadConfig } from './load-config.ts'
import { readSecretFiles } from './secret-files.ts'
import { influxEnv } from './shared-env.ts'

const dir = mkdtempSync(join(tmpdir(), 'secret-files-'))
function file(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  chmodSync(path, 0o600)
  return path
}
const influx = { INFLUX_URL: 'http://127.0.0.1:8086', INFLUX_ORG: 'millstream', INFLUX_BUCKET: 'telemetry' }

function issuesOf(run: () => unknown) {
  try {
    run()
  } catch (err) {
    if (err instanceof ConfigError) return err
    throw err
  }
  throw new Error('expected a ConfigError')
}

describe('secrets from files', () => {
  it('reads INFLUX_TOKEN from INFLUX_TOKEN_FILE, without the trailing line break', () => {
    const config = loadConfig(z.object(influxEnv), { ...influx, INFLUX_TOKEN_FILE: file('token', 'abc==\n') })
    expect(config.INFLUX_TOKEN).toBe('abc==')
  })

  it('keeps INFLUX_TOKEN from the environment when no file is named', () => {
    expect(loadConfig(z.object(influxEnv), { ...influx, INFLUX_TOKEN: 'from-env' }).INFLUX_TOKEN).toBe('from-env')
  })

  it('refuses both forms at once, naming the variables and not the secret', () => {
    const error = issuesOf(() => loadConfig(z.object(influxEnv), { ...influx, INFLUX_TOKEN: 'hunter2', INFLUX_TOKEN_FILE: file('both', 'other') }))
    expect(error.issues).toEqual([{ variable: 'INFLUX_TOKEN_FILE', reason: 'set INFLUX_TOKEN or INFLUX_TOKEN_FILE, not both' }])
    expect(error.message).not.toContain('hunter2')
  })

  it('reports a missing or empty file once, as the _FILE variable', () => {
    const missing = issuesOf(() => loadConfig(z.object(influxEnv), { ...influx, INFLUX_TOKEN_FILE: join(dir, 'nope') }))
    expect(missing.issues).toEqual([{ variable: 'INFLUX_TOKEN_FILE', reason: `cannot read ${join(dir, 'nope')}: ENOENT` }])
    const empty = issuesOf(() => loadConfig(z.object(influxEnv), { ...influx, INFLUX_TOKEN_FILE: file('empty', '\n') }))
    expect(empty.issues).toEqual([{ variable: 'INFLUX_TOKEN_FILE', reason: `${join(dir, 'empty')} is empty` }])
  })

  it('leaves variables outside the list alone', () => {
    const { env, issues } = readSecretFiles({ MQTT_PASSWORD_FILE: '/run/secret', API_JWT_SECRET_FILE: '/j' }, (path) => `${path}-content`)
    expect(issues).toEqual([])
    expect(env).toEqual({ MQTT_PASSWORD_FILE: '/run/secret', API_JWT_SECRET: '/j-content' })
  })
})
