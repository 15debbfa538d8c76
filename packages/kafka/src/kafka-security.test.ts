import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { kafkaSecurity } from './kafka-security.ts'

const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'))
const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name))
const base = { KAFKA_SECURITY: 'sasl_ssl', KAFKA_SASL_MECHANISM: 'scram-sha-512' } as const

describe('kafkaSecurity', () => {
  it('adds nothing on a plaintext listener, TLS alone with ssl', () => {
    expect(kafkaSecurity({ ...base, KAFKA_SECURITY: 'plaintext', KAFKA_SASL_USERNAME: 'ingest' })).toEqual({})
    expect(kafkaSecurity({ ...base, KAFKA_SECURITY: 'ssl' })).toEqual({ ssl: true })
  })

  it('reads the CA and the password from their files, the password trimmed of its newline', () => {
    const ca = file('ca.crt', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n')
    const pw = file('ingest.password', 'secret-value\n')
    expect(kafkaSecurity({ ...base, KAFKA_CA_FILE: ca, KAFKA_SASL_USERNAME: 'ingest', KAFKA_SASL_PASSWORD_FILE: pw })).toEqual({
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n'] },
      sasl: { mechanism: 'scram-sha-512', username: 'ingest', password: 'secret-value' },
    })
  })

  it('refuses SASL without a user or a password, an empty password file, or a file it cannot read, naming the variable', () => {
    expect(() => kafkaSecurity({ ...base, KAFKA_SASL_PASSWORD_FILE: file('p', 'x') })).toThrow(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE/)
    expect(() => kafkaSecurity({ ...base, KAFKA_SASL_USERNAME: 'api' })).toThrow(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE/)
    expect(() => kafkaSecurity({ ...base, KAFKA_SASL_USERNAME: 'api', KAFKA_SASL_PASSWORD_FILE: file('empty', '\n') })).toThrow(/KAFKA_SASL_PASSWORD_FILE: .* is empty/)
    expect(() => kafkaSecurity({ ...base, KAFKA_SASL_USERNAME: 'api', KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing') })).toThrow(/KAFKA_SASL_PASSWORD_FILE: cannot read .*ENOENT/)
    expect(() => kafkaSecurity({ ...base, KAFKA_SECURITY: 'ssl', KAFKA_CA_FILE: join(dir, 'nope.crt') })).toThrow(/KAFKA_CA_FILE: cannot read/)
  })
})
