import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MetricsConfigError } from '../config-error.ts'
import * as metrics from '../index.ts'
import type { Case } from './cases/case.ts'
import { counterCases } from './cases/counter-cases.ts'
import { energyCases } from './cases/energy-cases.ts'
import { processCases } from './cases/process-cases.ts'
import { scoreCases } from './cases/score-cases.ts'
import { textileCases } from './cases/textile-cases.ts'
import { timeCases } from './cases/time-cases.ts'
import { MetricsInputError } from './input-error.ts'

const cases: Record<string, Case> = { ...timeCases, ...counterCases, ...textileCases, ...energyCases, ...scoreCases, ...processCases }
const publicFunctions = Object.entries(metrics).filter(([name, v]) => typeof v === 'function' && !name.endsWith('Error')).map(([name]) => name)

/** Every number anywhere in a result is finite (null is "not computable", which the API allows). */
function expectFinite(value: unknown, path: string): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true)
  else if (value instanceof Map || value instanceof Set) [...value.values()].forEach((v, i) => expectFinite(v, `${path}[${i}]`))
  else if (Array.isArray(value)) value.forEach((v, i) => expectFinite(v, `${path}[${i}]`))
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectFinite(v, `${path}.${k}`)
}

describe('the public functions of @millstream/metrics (issue 9 §3)', () => {
  it('each have a case below, so a new export cannot skip the property', () => {
    expect(publicFunctions.filter((name) => !(name in cases))).toEqual([])
    expect(Object.keys(cases).filter((name) => !publicFunctions.includes(name))).toEqual([])
  })

  it.each(publicFunctions)('%s returns finite numbers (or null) or refuses with a typed error naming the argument', (name) => {
    const fn = (metrics as unknown as Record<string, (...args: unknown[]) => unknown>)[name] as (...args: unknown[]) => unknown
    const { args, configErrors } = cases[name] as Case
    let computed = 0
    fc.assert(
      fc.property(args, (argv) => {
        let result: unknown
        try {
          result = fn(...argv)
        } catch (err) {
          if (err instanceof MetricsInputError) {
            expect(err.argument, err.message).toMatch(/\S/)
            expect(err.message).toContain(err.argument)
            return
          }
          if (configErrors && err instanceof MetricsConfigError) return
          throw err
        }
        expectFinite(result, name)
        computed += 1
      }),
      { numRuns: 150 },
    )
    // The arbitraries reach the happy path too: a function that refused everything would pass vacuously.
    expect(computed, `${name} computed nothing`).toBeGreaterThan(0)
  })
})
