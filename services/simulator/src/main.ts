/**
 * Composition root of the simulator: reads flags and environment, loads the registry and the
 * gateway credentials, starts the run, stops it on SIGINT/SIGTERM. Exit codes: 0 done, every
 * publish settled; 1 a failure (connection, or publishes that never got a PUBACK); 2 bad flags.
 */
import { createLogger } from '@millstream/runtime'
import { startSimulator } from './app.ts'
import { startSimulatorOps } from './ops.ts'
import { buildOptions } from './cli/build-options.ts'
import { helpText } from './cli/flags.ts'
import { parseCli } from './cli/parse-cli.ts'
import { CliError } from './cli/parse-values.ts'

function fail(code: number, message: string): never {
  process.stderr.write(`millstream-simulator: ${message}\n`)
  process.exit(code)
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCli>
  let options: ReturnType<typeof buildOptions>
  try {
    parsed = parseCli(process.argv.slice(2), process.env, Date.now())
    if (parsed.kind === 'help') {
      process.stdout.write(`${helpText()}\n`)
      return
    }
    options = buildOptions(parsed.settings)
  } catch (err) {
    if (err instanceof CliError) fail(2, err.message)
    throw err
  }
  if (options === undefined) {
    process.stderr.write(`millstream-simulator: registry written to ${parsed.settings.exportRegistryPath}\n`)
    return
  }
  const logger = createLogger({ name: 'simulator', level: parsed.settings.logLevel, destination: process.stderr })
  let run: Awaited<ReturnType<typeof startSimulator>>
  try {
    run = await startSimulator(options, { logger, writeLine: (line) => process.stderr.write(`${line}\n`) })
  } catch (err) {
    logger.fatal({ err }, 'simulator failed to start')
    fail(1, (err as Error).message)
  }
  const { httpPort, httpHost } = parsed.settings
  const ops = httpPort === undefined ? undefined : await startSimulatorOps({ port: httpPort, host: httpHost, logger, status: () => run.status() })
  let signals = 0
  const onSignal = (signal: NodeJS.Signals) => {
    signals++
    if (signals > 1) fail(1, `${signal} again: exiting without draining`)
    logger.info({ signal }, 'stopping: draining publishes in flight')
    void run.stop()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const summary = await run.done
  await ops?.stop()
  process.exitCode = summary.report.totals.failed > 0 ? 1 : 0
}

main().catch((err: unknown) => fail(1, err instanceof Error ? (err.stack ?? err.message) : String(err)))
