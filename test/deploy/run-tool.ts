import { spawnSync } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export interface ToolRun {
  status: number | null
  output: string
}

/** Runs a command from the repository root and returns its exit status and merged output. */
export function runTool(command: string, args: readonly string[], input?: string): ToolRun {
  const run = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 })
  if (run.error) throw new Error(`${command} could not run (scripts/bootstrap.sh installs it): ${run.error.message}`)
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

/** The cached binary of a Go-built checker (deploy/local/lib/build-go-tools.sh builds it if missing). */
export function goTool(name: 'helm' | 'kubeconform' | 'compose'): string {
  const run = runTool('bash', ['deploy/local/lib/build-go-tools.sh', name])
  if (run.status !== 0) throw new Error(`building ${name} failed:\n${run.output}`)
  return run.output.trim().split('\n').at(-1) ?? ''
}
