import { useTranslation } from 'react-i18next';
import type { Progress } from '../../domain/petitions/queries.server';
import { useFormat } from './format';

/**
 * "N of M signatures" with a native <progress> bar labelled by that text (the bar is read out by
 * screen readers with its label; the text is what everyone sees).
 */
export function PetitionProgress({ progress, id }: { progress: Progress; id: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const k = 'petitionPages.progress';
  const label =
    progress.target === null
      ? t(`${k}.signaturesOnly`, { count: progress.count, num: f.number(progress.count) })
      : t(`${k}.${progress.kind === 'initial-support' ? 'supporters' : 'signatures'}`, { n: f.number(progress.count), target: f.number(progress.target) });
  return (
    <div className="petition-progress" data-testid="petition-progress">
      <p id={`${id}-label`} className="progress-label">
        {label}
      </p>
      {progress.target !== null && progress.percent !== null ? (
        <>
          <progress id={id} max={progress.target} value={Math.min(progress.count, progress.target)} aria-labelledby={`${id}-label`}>
            {progress.percent} %
          </progress>
          <p className="progress-percent">{progress.reached ? t(`${k}.reached`) : t(`${k}.percent`, { percent: progress.percent })}</p>
        </>
      ) : null}
    </div>
  );
}
