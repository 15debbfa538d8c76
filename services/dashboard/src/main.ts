import { createApp } from 'vue'
import AppShell from './app-shell.vue'
import { whenUnauthorized } from './api/api-client.ts'
import { prefetchCapabilities } from './api/capabilities.ts'
import { createAppI18n, initialLocale, rememberLocale } from './i18n/create-i18n.ts'
import { createAppRouter } from './router.ts'
import './styles.css'

const router = createAppRouter()
whenUnauthorized(() => void router.push({ name: 'sign-in', query: { next: router.currentRoute.value.fullPath } }))
rememberLocale(initialLocale())
prefetchCapabilities()
createApp(AppShell).use(createAppI18n()).use(router).mount('#app')
