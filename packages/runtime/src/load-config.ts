import type { z } from 'zod'
import { AppError } from './app-error.ts'
import { readSecretFiles } from './secret-files.ts'

export type Env = Readonly<Record<string, string | undefined>>

export interface ConfigIssue {
  variable: string
  reason: string
}

/** Variables whose values never appear in an error message (they end up in logs and CI output). */
const SECRET_NAME = /PASSWORD|TOKEN|SECRET|(^|_)KEY$/i

/** A bad environment: the message lists every bad variable and why, one per line. */
export class ConfigError extends AppError {
  override name = 'ConfigError'
  readonly issues: readonly ConfigIssue[]

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map(({ variable, reason }) => `  ${variable}: ${reason}`)
    super(['invalid configuration:', ...lines].join('\n'), { code: 'config_invalid', retriable: false })
    this.issues = issues
  }
}

/**
 * Parses the environment once, at start, with a zod object schema. Empty values count as unset,
 * so `FOO=` in an env file falls back to the schema's default. A secret may come from a file
 * (`INFLUX_TOKEN_FILE`, see secret-files.ts). Returns a frozen object; throws a ConfigError naming
 * each bad variable.
 */
export function loadConfig<TSchema extends z.ZodType>(
  schema: TSchema,
  env: Env = process.env,
): Readonly<z.output<TSchema>> {
  const { env: present, issues: fileIssues } = readSecretFiles(withoutEmptyValues(env))
  const result = schema.safeParse(present)
  const issues = result.success ? [] : result.error.issues.map((issue) => toConfigIssue(issue, present))
  // A variable whose file could not be read is reported once, as its _FILE form.
  const unread = new Set(fileIssues.map((issue) => issue.variable.replace(/_FILE$/, '')))
  if (!result.success || fileIssues.length > 0) throw new ConfigError([...fileIssues, ...issues.filter((issue) => !unread.has(issue.variable))])
  return Object.freeze(result.data)
}

function withoutEmptyValues(env: Env): Record<string, string> {
  const present: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') present[name] = value
  }
  return present
}

function toConfigIssue(issue: z.core.$ZodIssue, env: Record<string, string>): ConfigIssue {
  const variable = issue.path.length > 0 ? issue.path.map(String).join('.') : '(config)'
  const name = issue.path.length === 1 && typeof issue.path[0] === 'string' ? issue.path[0] : undefined
  const raw = name === undefined ? undefined : env[name]
  if (name === undefined) return { variable, reason: issue.message }
  if (raw === undefined) return { variable, reason: issue.code === 'invalid_type' ? 'required' : issue.message }
  const shown = SECRET_NAME.test(name) ? '(value hidden)' : JSON.stringify(raw)
  return { variable, reason: `${issue.message}, got ${shown}` }
}
