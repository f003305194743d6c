import { identity } from './identity';
import { integrity } from './integrity';
import { integrityReview } from './integrityReview';
import { moderation } from './moderation';
import { opendata } from './opendata';
import { petitionForms } from './petitionForms';
import { petitionPages } from './petitionPages';
import { petitions } from './petitions';
import { projectPages } from './projectPages';
import { projects } from './projects';
import { reportFiling } from './reportFiling';
import { reportPublic } from './reportPublic';
import { reportStaff } from './reportStaff';
import { reports } from './reports';
import { signing } from './signing';

/**
 * Area namespaces: each area of the portal keeps its strings in its own file (t('<area>.key')),
 * built with defineArea. Register a new area here.
 */
export const areas = { identity, integrity, integrityReview, moderation, opendata, petitionForms, petitionPages, petitions, projectPages, projects, reportFiling, reportPublic, reportStaff, reports, signing };

export type Areas = typeof areas;
export type AreaMessages<L extends 'kk' | 'ru' | 'en'> = { [K in keyof Areas]: Areas[K] extends Record<L, infer M> ? M : never };
