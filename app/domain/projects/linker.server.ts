import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import { nationalProjects } from '../../../db/schema';
import type { Deps } from '../shared/deps';
import { buildLinker, parseProjectLexicons, type ExampleText, type LinkableProject, type Linker, type ProjectLexicons } from './linking';
import { MAX_EXAMPLES_PER_PROJECT, exampleProfiles } from './link-rules';

// =============================================================================================
// The linker built from the database (cached per process)

/** Where the lexicons live: next to the seed data (db/seed/data), found from this module or the working directory. */
function lexiconFile(): string {
  const candidates = [
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/seed/data/dauys_project_lexicons.json'),
    path.resolve('db/seed/data/dauys_project_lexicons.json'),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[candidates.length - 1]!;
}

export interface LinkerSource {
  /** A cheap fingerprint of what the linker is built from; a new value triggers a rebuild. */
  fingerprint(db: Db): Promise<string>;
  projects(db: Db): Promise<LinkableProject[]>;
  lexicons(): Promise<ProjectLexicons>;
  examples(db: Db): Promise<ExampleText[]>;
}

/**
 * The default source: projects from national_projects, lexicons from the seed file
 * dauys_project_lexicons.json, examples = the confirmed petitions' current texts (title + body),
 * the MAX_EXAMPLES_PER_PROJECT most recently confirmed per project. The fingerprint changes when
 * a project row changes (count, newest updated_at), when a link is confirmed or un-confirmed or a
 * confirmed petition's text changes (count, newest decided_at, newest version), or when the lexicon
 * file changes (mtime, size).
 */
export const databaseLinkerSource: LinkerSource = {
  async fingerprint(db) {
    const [row] = await queryRows<{ p: string | null; e: string | null }>(
      db,
      sql`select
        (select count(*)::text || '|' || coalesce(max(${nationalProjects.updatedAt})::text, '') from ${nationalProjects}) as p,
        (select count(*)::text || '|' || coalesce(max(l.decided_at)::text, '') || '|' || coalesce(max(v.created_at)::text, '')
           from petition_project_links l
           join petitions pe on pe.id = l.petition_id
           join petition_versions v on v.id = pe.current_version_id
          where l.status = 'confirmed') as e`,
    );
    let lex = 'missing';
    try {
      const st = await stat(lexiconFile());
      lex = `${st.mtimeMs}|${st.size}`;
    } catch {
      // reported by lexicons() when the linker is built
    }
    return `${row?.p ?? ''}#${row?.e ?? ''}#${lex}`;
  },
  async projects(db) {
    const rows = await db
      .select({
        code: nationalProjects.code,
        status: nationalProjects.status,
        nameKk: nationalProjects.nameKk,
        nameRu: nationalProjects.nameRu,
        nameEn: nationalProjects.nameEn,
        summaryEn: nationalProjects.summaryEn,
        keyIndicators: nationalProjects.keyIndicators,
      })
      .from(nationalProjects)
      .orderBy(asc(nationalProjects.sortOrder), asc(nationalProjects.code));
    return rows;
  },
  async lexicons() {
    const file = lexiconFile();
    const parsed = parseProjectLexicons(JSON.parse(await readFile(file, 'utf8')) as unknown);
    if (parsed.kind === 'invalid') throw new Error(`${file} is invalid:\n  ${parsed.issues.join('\n  ')}`);
    return parsed.lexicons;
  },
  async examples(db) {
    const rows = await queryRows<{ code: string; text: string }>(
      db,
      sql`select code, text from (
            select l.project_code as code, v.title || E'\n' || v.body as text,
                   row_number() over (partition by l.project_code order by l.decided_at desc nulls last, l.petition_id) as rn
              from petition_project_links l
              join petitions pe on pe.id = l.petition_id
              join petition_versions v on v.id = pe.current_version_id
             where l.status = 'confirmed') x
          where rn <= ${MAX_EXAMPLES_PER_PROJECT}
          order by code, rn`,
    );
    return rows.map((r) => ({ code: r.code, text: r.text }));
  },
};

export interface BuiltLinker {
  linker: Linker;
  fingerprint: string;
  builtAt: Date;
  buildMs: number;
  examples: number;
}

let cached: BuiltLinker | null = null;
let building: { fingerprint: string; promise: Promise<BuiltLinker> } | null = null;
let source: LinkerSource = databaseLinkerSource;

/** Forgets the cached linker (tests), and optionally replaces where it is built from. */
export function resetLinkerCache(next: LinkerSource = databaseLinkerSource): void {
  cached = null;
  building = null;
  source = next;
}

/**
 * The process's linker: rebuilt when the source's fingerprint changes (one query per call); a
 * build in progress is shared by concurrent callers.
 */
export async function getLinker(deps: Pick<Deps, 'db' | 'log'>): Promise<BuiltLinker & { rebuilt: boolean }> {
  const fingerprint = await source.fingerprint(deps.db);
  if (cached && cached.fingerprint === fingerprint) return { ...cached, rebuilt: false };
  if (!building || building.fingerprint !== fingerprint) {
    const from = source;
    const promise = (async () => {
      const [projects, lexicons, examples] = await Promise.all([from.projects(deps.db), from.lexicons(), from.examples(deps.db)]);
      const t0 = performance.now();
      const linker = buildLinker({ projects, lexicons, examples: exampleProfiles(examples) });
      const built: BuiltLinker = { linker, fingerprint, builtAt: new Date(), buildMs: Math.round(performance.now() - t0), examples: examples.length };
      for (const w of linker.warnings) deps.log.warn({ warning: w }, 'linker data warning');
      deps.log.info({ buildMs: built.buildMs, projects: projects.length, examples: examples.length, terms: linker.stats.terms }, 'petition linker built');
      return built;
    })();
    building = { fingerprint, promise };
    promise.then(
      (b) => {
        if (building?.promise === promise) building = null;
        if (from === source) cached = b;
      },
      () => {
        if (building?.promise === promise) building = null;
      },
    );
  }
  const built = await building.promise;
  return { ...built, rebuilt: true };
}
