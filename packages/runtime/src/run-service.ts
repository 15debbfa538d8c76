import { createLogger } from './create-logger.ts'
import type { Logger } from './create-logger.ts'
import { isLifecycleAborted } from './create-lifecycle.ts'
import { CONFIG_ERROR_EXIT_CODE } from './exit-on-config-error.ts'
import type { ExitIo } from './exit-on-config-error.ts'
import { ConfigError } from './load-config.ts'

export interface RunServiceOptions {
  /** Names the fallback logger used when startup fails, e.g. 'ingest'. */
  name: string
  /** Logs a startup failure; by default a fresh root logger (main's own may not exist yet). */
  logger?: Logger
  io?: ExitIo
}

const processIo: ExitIo = {
  writeStderr: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
}

/**
 * Runs a service's main(): a ConfigError prints to stderr and exits 2; any other startup error is
 * logged as fatal and exits 1. A start() interrupted by a signal is left to the signal handler.
 * After main() resolves, the process lives on until a signal stops it.
 */
export async function runService(main: () => Promise<unknown> | unknown, options: RunServiceOptions): Promise<void> {
  const io = options.io ?? processIo
  try {
    await main()
  } catch (err) {
    if (isLifecycleAborted(err)) return
    if (err instanceof ConfigError) {
      io.writeStderr(`${err.message}\n`)
      io.exit(CONFIG_ERROR_EXIT_CODE)
      return
    }
    const logger = options.logger ?? createLogger({ name: options.name })
    logger.fatal({ err }, 'startup failed')
    io.exit(1)
  }
}
