import { mkdirSync, writeFileSync } from 'node:fs'
import { jsonSchemas } from '../json-schema.ts'

if (process.argv.includes('--help')) {
  console.log('Usage: pnpm --filter @millstream/contract json-schema\nWrites packages/contract/schema/*.json from the zod schemas.')
  process.exit(0)
}
const dir = new URL('../../schema/', import.meta.url)
mkdirSync(dir, { recursive: true })
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(name, dir), `${JSON.stringify(schema, null, 2)}\n`)
  console.log(`wrote schema/${name}`)
}
