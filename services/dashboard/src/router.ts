import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session, signedIn } from './api/session.ts'

// Views load on demand: the sign-in page does not wait for ECharts.
const routes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: () => import('./views/sign-in-view.vue'), meta: { public: true } },
  { path: '/', name: 'home', component: () => import('./views/home-view.vue') },
  { path: '/plants/:firm/:plant', name: 'plant', component: () => import('./views/plant-view.vue'), props: true },
  { path: '/plants/:firm/:plant/machines/:line/:machine', name: 'machine', component: () => import('./views/machine-view.vue'), props: true },
  { path: '/plants/:firm/:plant/energy', name: 'energy', component: () => import('./views/energy-view.vue'), props: true },
  { path: '/plants/:firm/:plant/scores', name: 'scores', component: () => import('./views/scores-view.vue'), props: true },
  { path: '/plants/:firm/:plant/reports', name: 'reports', component: () => import('./views/reports-view.vue'), props: true },
  { path: '/platform', name: 'platform', component: () => import('./views/platform-view.vue') },
  { path: '/:rest(.*)*', redirect: '/' },
]

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  router.beforeEach((to) => {
    if (!to.meta.public && !signedIn()) return { name: 'sign-in', query: { next: to.fullPath } }
    // The platform role sees no plant page of its own: its start page is the platform view.
    if (to.name === 'home' && session.me?.role === 'platform') return { name: 'platform' }
    return true
  })
  return router
}
