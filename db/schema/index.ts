export * from './reference';
export * from './outbox';
export * from './notify';
export * from './identity';
export * from './audit';
export * from './petitions';
export * from './integrity';
export * from './projects';
