export * from './error-catalogue.ts';
export * from './graph-error.ts';
export * from './paging.ts';
export * from './meta-json.ts';
export * from './webhook-events.ts';
export * from './attachment-kinds.ts';
export * from './messaging-event.ts';
export * from './message-templates.ts';
