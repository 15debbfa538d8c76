import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { jsonSchemas } from './json-schema.ts'

describe('exported JSON Schemas', () => {
  it('match the files checked in for device makers (regenerate with pnpm --filter @millstream/contract json-schema)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const onDisk = JSON.parse(readFileSync(new URL(`../schema/${name}`, import.meta.url), 'utf8'))
      expect(onDisk, name).toEqual(schema)
    }
  })

  it('describe the state enum and the required fields', () => {
    const state = jsonSchemas()['state.schema.json'] as { required: string[]; properties: { state: { enum: string[] } } }
    expect(state.required).toEqual(['ts', 'state'])
    expect(state.properties.state.enum).toContain('planned_stop')
  })
})
