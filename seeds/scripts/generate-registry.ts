/**
 * Writes seeds/registry.json and seeds/test-registry.json from the plant definitions.
 * Run: npx tsx seeds/scripts/generate-registry.ts   (a test fails if the files drift)
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildDemoRegistry, buildTestRegistry, toJson } from './registries.ts'

const seedsDir = fileURLToPath(new URL('..', import.meta.url))
writeFileSync(`${seedsDir}registry.json`, toJson(buildDemoRegistry()))
writeFileSync(`${seedsDir}test-registry.json`, toJson(buildTestRegistry()))
console.error(`wrote ${seedsDir}registry.json and ${seedsDir}test-registry.json`)
