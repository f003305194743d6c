/** The reference-data seed (db/seed/data -> the tables of db/schema/reference.ts). */
export { seedReferenceData, loadSeedData, defaultSeedDataDir, SEED_TABLES } from './reference';
export type { SeedReport, SeedTable, SeedOptions, SeedData } from './reference';
export { SeedFileError } from './schemas';
