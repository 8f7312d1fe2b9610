import { score } from '../format';

/** A 1–5 score (influence, interest) as five dots plus words. */
export function ScoreDots({ value }: { value: number | null }) {
  return (
    <span className="score">
      <span className="score-dots" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={`score-dot${value !== null && n <= value ? ' score-dot-on' : ''}`} />
        ))}
      </span>
      <span>{score(value)}</span>
    </span>
  );
}
