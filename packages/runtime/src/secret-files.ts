import { readFileSync } from 'node:fs'
import type { ConfigIssue } from './load-config.ts'

/**
 * Secrets a service may take from a file (a mounted Kubernetes Secret, a 0600 file of the local
 * run) instead of its environment, as `<NAME>_FILE`: the value then never sits in the process
 * environment, which `/proc/<pid>/environ` and crash dumps show (docs/operations.md).
 */
export const SECRET_FILE_VARIABLES = ['INFLUX_TOKEN', 'API_JWT_SECRET', 'REPORTS_API_KEY'] as const

export interface SecretFilesResult {
  env: Record<string, string>
  issues: ConfigIssue[]
}

/**
 * Replaces each `<NAME>_FILE` of SECRET_FILE_VARIABLES by `<NAME>` holding the file's content,
 * without its trailing line break. Setting both forms, an unreadable file or an empty one is an
 * issue that names the variable, never the content.
 */
export function readSecretFiles(env: Readonly<Record<string, string>>, read: (path: string) => string = readUtf8): SecretFilesResult {
  const out: Record<string, string> = { ...env }
  const issues: ConfigIssue[] = []
  for (const name of SECRET_FILE_VARIABLES) {
    const fileVariable = `${name}_FILE`
    const path = env[fileVariable]
    if (path === undefined) continue
    delete out[fileVariable]
    if (env[name] !== undefined) {
      issues.push({ variable: fileVariable, reason: `set ${name} or ${fileVariable}, not both` })
      continue
    }
    let content: string
    try {
      content = read(path)
    } catch (err) {
      issues.push({ variable: fileVariable, reason: `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` })
      continue
    }
    const value = content.replace(/\r?\n$/, '')
    if (value.trim() === '') issues.push({ variable: fileVariable, reason: `${path} is empty` })
    else out[name] = value
  }
  return { env: out, issues }
}

function readUtf8(path: string): string {
  return readFileSync(path, 'utf8')
}
