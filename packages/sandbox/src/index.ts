/** @parley/sandbox: the sandbox control plane's schema (zod) and its typed client. */
export { MAX_COUNT } from './fields.ts';
export * from './validate.ts';
export * from './world-schema.ts';
export * from './people-schema.ts';
export * from './profile-schema.ts';
export * from './routing-schema.ts';
export * from './control-schema.ts';
export * from './posts-schema.ts';
export * from './webhook-schema.ts';
export * from './seed-schema.ts';
export * from './console-schema.ts';
export * from './login-schema.ts';
export * from './routes.ts';
export * from './client.ts';
