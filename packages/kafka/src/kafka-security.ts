import { readFileSync } from 'node:fs'
import type { KafkaConfig, SASLOptions } from 'kafkajs'

/** The Kafka connection settings every service reads (runtime's kafkaEnv). */
export interface KafkaSecurityEnv {
  KAFKA_SECURITY: 'plaintext' | 'ssl' | 'sasl_ssl'
  KAFKA_CA_FILE?: string | undefined
  KAFKA_SASL_MECHANISM: 'scram-sha-256' | 'scram-sha-512'
  KAFKA_SASL_USERNAME?: string | undefined
  KAFKA_SASL_PASSWORD_FILE?: string | undefined
}

export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>

/**
 * kafkajs `ssl` and `sasl` from the environment, reading the CA and the password from their files
 * at start. A missing file or a SASL user without a password stops the service with the variable's
 * name rather than connecting without credentials.
 */
export function kafkaSecurity(env: KafkaSecurityEnv): KafkaSecurity {
  if (env.KAFKA_SECURITY === 'plaintext') return {}
  const read = (variable: string, path: string) => {
    try {
      return readFileSync(path, 'utf8')
    } catch (err) {
      throw new Error(`${variable}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err })
    }
  }
  const ssl = env.KAFKA_CA_FILE ? { ca: [read('KAFKA_CA_FILE', env.KAFKA_CA_FILE)] } : true
  if (env.KAFKA_SECURITY === 'ssl') return { ssl }
  if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD_FILE) throw new Error('KAFKA_SECURITY=sasl_ssl needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE')
  const password = read('KAFKA_SASL_PASSWORD_FILE', env.KAFKA_SASL_PASSWORD_FILE).trim()
  if (!password) throw new Error(`KAFKA_SASL_PASSWORD_FILE: ${env.KAFKA_SASL_PASSWORD_FILE} is empty`)
  const sasl: SASLOptions = { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password }
  return { ssl, sasl }
}
