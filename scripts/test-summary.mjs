// Reads vitest's JSON results and prints the closing line CI counts:
//   tests: N passed, N failed, N skipped
// Exits non-zero if the integration suite did not run (a missing server must fail, not skip).
import { existsSync, readFileSync } from 'node:fs'

const file = process.argv[2] ?? '.vitest-results.json'
if (!existsSync(file)) {
  console.log('tests: 0 passed, 1 failed, 0 skipped')
  console.error(`test-summary: ${file} was not written: vitest did not finish`)
  process.exit(1)
}
const results = JSON.parse(readFileSync(file, 'utf8'))
let passed = 0
let failed = 0
let skipped = 0
let integrationPassed = 0
let integrationOther = 0
for (const suite of results.testResults ?? []) {
  const integration = /\.int\.test\.ts$/.test(suite.name)
  if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1 // a file that failed to load
  for (const test of suite.assertionResults ?? []) {
    if (test.status === 'passed') passed += 1
    else if (test.status === 'failed') failed += 1
    else skipped += 1
    if (integration && test.status === 'passed') integrationPassed += 1
    else if (integration) integrationOther += 1
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
const filtered = process.env.MILLSTREAM_TEST_FILTERED === '1'
if (!filtered && integrationPassed === 0) {
  console.error('test-summary: the integration suite ran no test against the real servers')
  process.exit(1)
}
if (integrationOther > 0 && failed === 0) {
  console.error(`test-summary: ${integrationOther} integration tests were skipped: every one must run`)
  process.exit(1)
}
process.exit(failed > 0 ? 1 : 0)
