export * from './calendar.ts';
export * from './catalogue.ts';
export * from './clock.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './permissions.ts';
