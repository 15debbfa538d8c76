import { describe, expect, it } from 'vitest'
import { DEFAULT_CHAOS, NO_CHAOS } from '../chaos/chaos-config.ts'
import { FLAGS, helpText } from './flags.ts'
import { parseCli, type CliSettings } from './parse-cli.ts'

const NOW = Date.parse('2026-03-02T10:00:04.321Z')
const MQTT = { MQTT_URL: 'mqtt://127.0.0.1:18830' }
const settings = (argv: string[], env: Record<string, string> = MQTT): CliSettings => {
  const result = parseCli(argv, env, NOW)
  if (result.kind !== 'run') throw new Error('expected a run')
  return result.settings
}

describe('parseCli', () => {
  it('takes flags over environment variables over defaults', () => {
    expect(settings([], { ...MQTT, SIM_SEED: '5' }).seed).toBe(5)
    expect(settings(['--seed', '9'], { ...MQTT, SIM_SEED: '5' }).seed).toBe(9)
    expect(settings([]).seed).toBe(1)
    expect(settings(['--mqtt-url', 'mqtt://broker:1883'], MQTT).mqttUrl).toBe('mqtt://broker:1883')
    expect(settings([], { ...MQTT, SIM_PERIOD_S: '' }).periodS).toBe(10)
  })

  it('takes the encoding v1 (default) or batch with a batch size of 1 to 1000 samples', () => {
    expect(settings([])).toMatchObject({ encoding: 'v1', batchSize: 100 })
    expect(settings(['--encoding', 'batch', '--batch-size', '250'])).toMatchObject({ encoding: 'batch', batchSize: 250 })
    expect(settings([], { ...MQTT, SIM_ENCODING: 'batch', SIM_BATCH_SIZE: '1000' })).toMatchObject({ encoding: 'batch', batchSize: 1000 })
    expect(() => settings(['--encoding', 'csv'])).toThrow(/--encoding/)
    expect(() => settings(['--batch-size', '1001'])).toThrow(/--batch-size/)
  })

  it('takes a boot id the contract accepts, none by default', () => {
    expect(settings([]).boot).toBeUndefined()
    expect(settings(['--boot', '1764650000'], MQTT).boot).toBe('1764650000')
    expect(settings([], { ...MQTT, SIM_BOOT: 'demo-2' }).boot).toBe('demo-2')
    expect(() => settings(['--boot', 'has space'])).toThrow(/--boot/)
    expect(() => settings(['--boot', 'x'.repeat(65)])).toThrow(/--boot/)
  })

  it('runs real time from now and open-ended unless a duration or end is given', () => {
    expect(settings([])).toMatchObject({ mode: 'realtime', fromMs: NOW, toMs: Infinity, speed: 1 })
    expect(settings(['--duration', '30m', '--speed', '60'])).toMatchObject({ fromMs: NOW, toMs: NOW + 1_800_000, speed: 60 })
  })

  it('resolves the period of fast mode from any two of from, to and duration, or a duration ending now', () => {
    const aligned = Math.floor(NOW / 10_000) * 10_000
    expect(settings(['--mode', 'fast', '--duration', '1d'])).toMatchObject({ fromMs: aligned - 86_400_000, toMs: aligned })
    expect(settings(['--mode', 'fast', '--from', '2026-03-01T00:00:00+08:00', '--duration', '2h'])).toMatchObject({
      fromMs: Date.parse('2026-02-28T16:00:00Z'), toMs: Date.parse('2026-02-28T18:00:00Z'),
    })
    expect(settings(['--mode', 'fast', '--from', '1000', '--to', '61000'])).toMatchObject({ fromMs: 1000, toMs: 61_000 })
  })

  it('turns on the default chaos rates with --chaos and lets each rate override them', () => {
    expect(settings([]).chaos).toEqual(NO_CHAOS)
    expect(settings(['--chaos']).chaos).toEqual(DEFAULT_CHAOS)
    expect(settings([], { ...MQTT, SIM_CHAOS: 'true' }).chaos).toEqual(DEFAULT_CHAOS)
    expect(settings(['--chaos', '--chaos-late', '0.5']).chaos).toEqual({ ...DEFAULT_CHAOS, late: 0.5 })
    expect(settings(['--chaos-duplicate', '0.2']).chaos).toEqual({ ...NO_CHAOS, duplicate: 0.2 })
  })

  it('refuses bad input with a message that names the flag and the reason', () => {
    const error = (argv: string[], env: Record<string, string> = MQTT) => {
      try {
        parseCli(argv, env, NOW)
      } catch (err) {
        return (err as Error).message
      }
      return 'no error'
    }
    expect(error(['--bogus'])).toMatch(/Unknown option '--bogus'[\s\S]*--help/)
    expect(error(['--period-s', 'ten'])).toBe('--period-s: expected a number >= 0.1 and <= 3600, got "ten"')
    expect(error([], { SIM_SEED: '-1', ...MQTT })).toMatch(/^--seed: expected an integer >= 0/)
    expect(error(['--mode', 'slow'])).toBe('--mode: expected one of realtime, fast, got "slow"')
    expect(error(['--mode', 'fast'])).toMatch(/--mode fast needs a period/)
    expect(error(['--from', '2026-03-02T08:00:00', '--duration', '1h'])).toMatch(/--from: expected RFC 3339 with an offset/)
    expect(error(['--from', 'now', '--to', 'now'])).toMatch(/the period is empty/)
    expect(error(['--from', '1', '--to', '2', '--duration', '1h'])).toBe('give at most two of --from, --to and --duration')
    expect(error([], {})).toMatch(/--mqtt-url \(or MQTT_URL\) is required/)
    expect(error(['--mqtt-url', 'http://x'])).toMatch(/--mqtt-url: expected mqtt:\/\//)
    expect(error(['--chaos-late', '0.7', '--chaos-out-of-order', '0.6'])).toMatch(/must not exceed 1/)
    expect(error(['--duration', '2 weeks'])).toBe('--duration: expected a duration such as 500ms, 30s, 5m, 1h or 7d (a plain number is milliseconds), got "2 weeks"')
    expect(error(['--duration', '0s'])).toBe('--duration: the duration must be positive, got "0s"')
    expect(error([], { ...MQTT, SIM_CHAOS: 'maybe' })).toMatch(/^--chaos: expected true or false/)
  })

  it('reads a duration as every service does: units up to days, a plain number in milliseconds', () => {
    expect(settings(['--duration', '7d', '--speed', '60'])).toMatchObject({ fromMs: NOW, toMs: NOW + 7 * 86_400_000 })
    expect(settings(['--duration', '1.5h'])).toMatchObject({ toMs: NOW + 5_400_000 })
    expect(settings(['--duration', '5000'])).toMatchObject({ toMs: NOW + 5_000 })
  })

  it('needs no broker for the stdout and null sinks or to export the registry', () => {
    expect(settings(['--sink', 'null'], {}).sink).toBe('null')
    expect(settings(['--export-registry', '/tmp/r.json'], {}).exportRegistryPath).toBe('/tmp/r.json')
    expect(parseCli(['--help'], {}, NOW)).toEqual({ kind: 'help' })
  })

  it('documents every flag and its environment variable in --help', () => {
    const help = helpText()
    for (const [name, spec] of Object.entries(FLAGS)) {
      expect(help).toContain(`--${name}`)
      if ('env' in spec) expect(help).toContain(`env ${spec.env}`)
    }
  })
})
