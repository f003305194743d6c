export * from './reference';
export * from './outbox';
export * from './notify';
