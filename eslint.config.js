import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

// What the pure code may not import: I/O, servers' clients, the logger, the services' runtime
// (environment, clock, HTTP) and the seeds (files).
const PURE_FORBIDDEN_IMPORTS = ['fs', 'net', 'http', 'pino', 'kafkajs', 'mqtt', '@influxdata/*', '@millstream/runtime', '@millstream/kafka', '@millstream/seeds']

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.run/**', 'docs/**', '**/schema/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The dashboard's single-file components: Vue's recommended rules, <script lang="ts"> parsed by typescript-eslint.
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    rules: { 'no-undef': 'off', 'vue/max-attributes-per-line': 'off', 'vue/singleline-html-element-content-newline': 'off', 'vue/multiline-html-element-content-newline': 'off', 'vue/html-self-closing': 'off', 'vue/html-closing-bracket-newline': 'off', 'vue/first-attribute-linebreak': 'off', 'vue/html-indent': 'off' },
  },
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
    // The pure domain package, and the aggregator's engine that applies it (issue 11): no I/O, no
    // clock, no randomness, no environment, no logger. Time comes in as an argument.
    files: ['packages/metrics/src/**/*.ts', 'services/aggregator/src/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'fetch', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time comes in as an argument' },
        { object: 'Math', property: 'random', message: 'randomness comes in as an argument' },
      ],
      'no-restricted-imports': ['error', { patterns: [...PURE_FORBIDDEN_IMPORTS, 'node:*'] }],
    },
  },
  {
    // The engine may digest its points (point-hash.ts: the same lines always give the same hash,
    // so whether a point must be written again stays a function of the events).
    files: ['services/aggregator/src/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE_FORBIDDEN_IMPORTS, 'node:*', '!node:crypto'] }] },
  },
)
