import { signed, stanceLabel } from '../format';

const STEPS = [-2, -1, 0, 1, 2] as const;

const tone = (stance: number): 'negative' | 'neutral' | 'positive' =>
  stance < 0 ? 'negative' : stance > 0 ? 'positive' : 'neutral';

interface StanceMeterProps {
  stance: number | null;
  /** Show the words next to the scale (the detail panel); the list shows the scale only. */
  withLabel?: boolean;
}

/** Stance on the question, −2 opposed … +2 supportive, as a five-step scale with the position marked. */
export function StanceMeter({ stance, withLabel = false }: StanceMeterProps) {
  const words = stance === null ? 'Stance unknown' : `Stance: ${stanceLabel(stance)} (${signed(stance)})`;
  return (
    <span className="stance" title={words}>
      <span className="stance-scale" aria-hidden="true">
        {STEPS.map((step) => (
          <span
            key={step}
            className={`stance-step${step === 0 ? ' stance-step-mid' : ''}${stance !== null && Math.round(stance) === step ? ` stance-step-on stance-${tone(step)}` : ''}`}
          />
        ))}
      </span>
      {withLabel ? (
        <span className="stance-words">
          {stance === null ? 'Unknown' : `${stanceLabel(stance)} (${signed(stance)})`}
        </span>
      ) : (
        <span className="visually-hidden">{words}</span>
      )}
    </span>
  );
}
