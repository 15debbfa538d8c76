import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// Built into dist/, which the API serves (services/api/src/http/dashboard-static.ts).
// ECharts is the largest dependency: its own chunk, so the app's code can change without
// invalidating the browser's cached copy of it.
export default defineConfig({
  plugins: [vue()],
  base: '/',
  // Feature flags of the esm-bundler builds of Vue and vue-i18n (unset, they warn in the console).
  define: { __VUE_PROD_DEVTOOLS__: false, __VUE_OPTIONS_API__: true, __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false, __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false, __INTLIFY_DROP_MESSAGE_COMPILER__: false },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ }, { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify)[\\/]/ }] } },
    },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
})
