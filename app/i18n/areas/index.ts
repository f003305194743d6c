/**
 * Area namespaces: each area of the portal keeps its strings in its own file (t('<area>.key')),
 * built with defineArea. Register a new area here.
 */
export const areas: Record<string, { kk: object; ru: object; en: object }> = {};
