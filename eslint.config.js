import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.run/**', 'docs/**', '**/schema/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Plain JS helper scripts run on Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    // Flux only through the InfluxDB client's `flux` tag, which escapes every value into a literal
    // (domain queries live in @millstream/store): no Flux pasted into a plain string or template,
    // and no fluxExpression(), which inserts text unescaped.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: ':not(TaggedTemplateExpression) > TemplateLiteral[quasis.0.value.raw=/from\\(bucket/]', message: 'build Flux with the client\'s flux tag (or ask @millstream/store)' },
        { selector: 'Literal[value=/from\\(bucket/]', message: 'build Flux with the client\'s flux tag (or ask @millstream/store)' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: '@influxdata/influxdb-client', importNames: ['fluxExpression'], message: 'fluxExpression pastes text into Flux unescaped' }] }],
    },
  },
  {
    // The pure domain package: no I/O, no clock, no randomness, no environment.
    files: ['packages/metrics/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'fetch', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time comes in as an argument' },
        { object: 'Math', property: 'random', message: 'randomness comes in as an argument' },
      ],
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'net', 'http', 'pino', 'kafkajs', 'mqtt', '@influxdata/*'] }],
    },
  },
)
