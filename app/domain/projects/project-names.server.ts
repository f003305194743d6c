import { nationalProjects } from '../../../db/schema';

/** A national project's name in the three languages. */
export interface Names {
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

/** The columns of a project's names, for a select. */
export const projectNames = { nameKk: nationalProjects.nameKk, nameRu: nationalProjects.nameRu, nameEn: nationalProjects.nameEn };
