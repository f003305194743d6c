import { useTranslation } from 'react-i18next';
import type { ExplainedTerm } from '../../domain/projects/links.server';

/**
 * Why the linker suggested a project: each matched term with the petition's words that matched it
 * and where the term comes from (project keywords, name, summary, ...). A similar (fuzzy) match is
 * marked in words, not by colour.
 */
export function MatchedWords({ matched, limit = 6 }: { matched: ExplainedTerm[]; limit?: number }) {
  const { t } = useTranslation();
  const k = 'projectPages.matched';
  if (matched.length === 0) return <span className="muted">{t(`${k}.none`)}</span>;
  // The same words matching the same term at several places of the petition are listed once.
  const distinct = matched.filter(
    (m, i) => matched.findIndex((o) => o.term === m.term && o.words.join(' ').toLocaleLowerCase() === m.words.join(' ').toLocaleLowerCase()) === i,
  );
  const shown = distinct.slice(0, limit);
  return (
    <ul className="matched-words" data-testid="matched-words">
      {shown.map((m, i) => (
        <li key={`${m.term}-${i}`}>
          <mark>{m.words.join(' ')}</mark>
          {m.words.join(' ').toLocaleLowerCase() !== m.term.toLocaleLowerCase() ? <> → {m.term}</> : null}{' '}
          <span className="muted small">
            ({t(`${k}.source.${m.source}`)}
            {m.match === 'fuzzy' ? `, ${t(`${k}.fuzzy`)}` : ''})
          </span>
        </li>
      ))}
      {distinct.length > shown.length ? <li className="muted small">{t(`${k}.more`, { count: distinct.length - shown.length })}</li> : null}
    </ul>
  );
}
