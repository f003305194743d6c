/**
 * Linking petitions to the national projects they affect: an offline, explainable scorer.
 * See linker.ts for the scoring formula, analyze.ts / text.ts / stem.ts for the text pipeline and
 * lexicon.ts for the lexicon data format (db/seed/data/dauys_project_lexicons.json).
 */
export {
  buildLinker,
  DEFAULT_LINKER_OPTIONS,
  type ExampleText,
  type LinkableProject,
  type Linker,
  type LinkerOptions,
  type MatchedTerm,
  type ProjectScore,
  type Suggestion,
  type TermSource,
} from './linker';
export {
  parseProjectLexicons,
  projectLexiconsFileSchema,
  type LexiconConcept,
  type LexiconParseOutcome,
  type ProjectLexicon,
  type ProjectLexicons,
} from './lexicon';
export { analyze, contentTokens, isStopWord, type TermToken } from './analyze';
export { stem, stemEnglish, stemKazakh, stemRussian } from './stem';
export { analyzeTokens, charNgrams, dice, foldKey, guessLanguages, normalizeWord, romanize, tokenize, type Lang, type LangToken, type Token } from './text';
