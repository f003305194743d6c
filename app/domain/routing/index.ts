/**
 * Routing of local issue reports: point -> administrative unit -> akimat and department, with a
 * recorded reason. Pure modules only; the database loader is `loadRoutingData` in load.server.ts
 * (kept out of this index so that importing it never pulls the database layer into a bundle).
 */
export * from './geo';
export * from './kato';
export * from './boundary-index';
export * from './overrides';
export * from './competence';
export * from './route';
export * from './explain';
