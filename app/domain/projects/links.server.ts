/**
 * Links between petitions and the national projects they affect (petition_project_links).
 *
 * LIFE OF A LINK
 *   - The linking worker (`petition.link`, enqueued by createPetition / editPetition) scores the
 *     petition's current text with the offline linker (./linking) and writes a `suggested` row, with
 *     its score and explanation (the matched words), for each project the linker suggests.
 *   - The project office (permission project:link) confirms or rejects a suggestion, or links a
 *     petition by hand (origin `manual`). Every decision is audited. A decision can be reversed
 *     (confirmed -> rejected, rejected -> confirmed), again audited.
 *   - Only `confirmed` links are public, and only for petitions the public may see (VISIBLE_PUBLICLY).
 *   - Confirmed petitions feed the linker: their texts become example texts of their project
 *     (the words that recur in at least two of them: exampleProfiles).
 *
 * THE RULE OF THE WORKER (planLinkChanges): a row decided by a person (confirmed, rejected, or any
 * manual row) is never changed or removed by the worker; a suggestion is inserted or refreshed for
 * every project the linker suggests that has no decided row; a `suggested` row whose project is no
 * longer suggested for the current text is deleted (stale).
 *
 * MODULES (this file re-exports them): link-rules (constants and pure rules), linker.server (the
 * linker built from the database, cached per process), link-worker.server (the worker),
 * office.server (the project office: decisions, queue, editing projects and indicators),
 * project-names.server, project-pages.server (public reads), projects-opendata.server (open
 * data), followers.server (following a project).
 */
export * from './link-rules';
export * from './linker.server';
export * from './link-worker.server';
export * from './office.server';
export * from './project-names.server';
export * from './project-pages.server';
export * from './projects-opendata.server';
export * from './followers.server';
