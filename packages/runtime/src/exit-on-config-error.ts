import { ConfigError } from './load-config.ts'

export interface ExitIo {
  writeStderr: (text: string) => void
  exit: (code: number) => never
}

const processIo: ExitIo = {
  writeStderr: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
}

/** Exit code of a process refused at start because of its configuration (EX_USAGE-like, not a crash). */
export const CONFIG_ERROR_EXIT_CODE = 2

/**
 * Runs `fn`; if it throws a ConfigError, prints the message to stderr and exits with code 2.
 * Any other error is rethrown. Used by main.ts around loadConfig (runService does it for you).
 */
export function exitOnConfigError<T>(fn: () => T, io: ExitIo = processIo): T {
  try {
    return fn()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    io.writeStderr(`${err.message}\n`)
    return io.exit(CONFIG_ERROR_EXIT_CODE)
  }
}
