/**
 * The working-day calendar and legal clocks (pure). The database loader, `loadWorkingCalendar(db)`,
 * is in ./load.server (a .server module, so the driver stays out of the browser bundle) and is not
 * re-exported here.
 */
export * from './dates';
export * from './working-calendar';
export * from './rules';
export * from './deadlines';
