export { buildApi, startApi, type Api, type ApiDeps } from './app.ts'
export { apiConfigSchema, type ApiConfig } from './config.ts'
export { createUserStore, type UserStore } from './auth/user-store.ts'
export { mayRead, ROLES, type Principal, type Role } from './auth/principal.ts'
