import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  badRatingReasonNames,
  badRatingReasonNamesEn,
  badRatingReasons,
  isBadRating,
  ratingLevelNames,
  ratingLevelNamesEn,
  ratingLevels,
  ratingStageNames,
  ratingStageNamesEn,
  ratingTextMax,
  type BadRatingReason,
  type RatingLevel,
} from '@yichuang/domain/ratings';
import type { CitizenRatingPrompt } from '../../../preload/contract/citizen';
import { api } from '../bridge';
import { useErrorText } from '../lib/result';
import './rating.css';

const faces: Record<RatingLevel, ReactNode> = {
  very_satisfied: <SmileOutlined aria-hidden />,
  satisfied: <SmileOutlined aria-hidden />,
  basic: <MehOutlined aria-hidden />,
  unsatisfied: <FrownOutlined aria-hidden />,
  very_unsatisfied: <FrownOutlined aria-hidden />,
};

/** After the rating: nothing more to do. */
export function Thanks() {
  const { t } = useTranslation();
  return (
    <section className="citizen-thanks" aria-labelledby="citizen-thanks" data-testid="citizen-thanks">
      <h2 id="citizen-thanks">{t('citizen.rating.thanks')}</h2>
      <p>{t('citizen.rating.thanksDetail')}</p>
    </section>
  );
}

/**
 * 好差评 on the citizen screen: five levels, none chosen beforehand (the window never writes a
 * default); a 差评 asks for its reasons and may say more. Nothing is sent until 提交评价, so a mis-tap
 * can be changed. Native radios and checkboxes: arrow keys, Tab and touch all work, and the groups
 * are labelled for screen readers. Keyed by the prompt: another visit starts afresh.
 */
export function RatingPanel({ prompt }: { prompt: CitizenRatingPrompt }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const english = i18n.language === 'en';
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [reasons, setReasons] = useState<ReadonlySet<BadRatingReason>>(new Set());
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [thanked, setThanked] = useState(false);

  if (prompt.state === 'rated' || thanked) return <Thanks />;

  const bad = level !== null && isBadRating(level);
  const missing =
    level === null ? t('citizen.rating.pickLevel') : bad && reasons.size === 0 ? t('citizen.rating.pickReason') : null;
  const levelNames = english ? ratingLevelNamesEn : ratingLevelNames;
  const reasonNames = english ? badRatingReasonNamesEn : badRatingReasonNames;

  const toggle = (reason: BadRatingReason) =>
    setReasons((shown) => {
      const next = new Set(shown);
      if (!next.delete(reason)) next.add(reason);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (level === null || missing || busy) return;
    setBusy(true);
    setError(null);
    // A good rating carries no reasons nor text (the reasons ticked before a change of mind stay unsent).
    const result = await api.citizen.rate({
      promptId: prompt.promptId,
      rating: {
        level,
        reasons: bad ? badRatingReasons.filter((r) => reasons.has(r)) : [],
        text: bad ? text.trim() : '',
      },
    });
    setBusy(false);
    // On a refusal everything chosen stays: the citizen may try again or change it.
    if (result.ok) setThanked(true);
    else setError(errorText(result.error));
  };

  return (
    <section className="citizen-rating" aria-labelledby="citizen-rating-title" data-testid="citizen-rating">
      <h2 id="citizen-rating-title">{t('citizen.rating.title')}</h2>
      <p className="citizen-rating-stage">
        {t('citizen.rating.stage', { stage: (english ? ratingStageNamesEn : ratingStageNames)[prompt.stage] })}
      </p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="citizen-levels" role="radiogroup" aria-labelledby="citizen-levels-legend">
          <legend id="citizen-levels-legend">{t('citizen.rating.levels')}</legend>
          {ratingLevels.map((value) => (
            <label key={value} className={`citizen-choice citizen-level citizen-level-${value}`}>
              <input
                type="radio"
                className="citizen-choice-input"
                name="citizen-rating-level"
                value={value}
                checked={level === value}
                onChange={() => setLevel(value)}
                data-testid={`rating-level-${value}`}
              />
              <span className="citizen-choice-box">
                <span className="citizen-level-face">{faces[value]}</span>
                <span>{levelNames[value]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {bad && (
          <>
            <fieldset className="citizen-reasons" aria-describedby={missing ? 'citizen-rating-missing' : undefined}>
              <legend>{t('citizen.rating.reasons')}</legend>
              {badRatingReasons.map((reason) => (
                <label key={reason} className="citizen-choice citizen-reason">
                  <input
                    type="checkbox"
                    className="citizen-choice-input"
                    checked={reasons.has(reason)}
                    onChange={() => toggle(reason)}
                    data-testid={`rating-reason-${reason}`}
                  />
                  <span className="citizen-choice-box">{reasonNames[reason]}</span>
                </label>
              ))}
            </fieldset>
            <label className="citizen-text-label" htmlFor="citizen-rating-text">
              {t('citizen.rating.text', { max: ratingTextMax })}
            </label>
            <textarea
              id="citizen-rating-text"
              className="citizen-text"
              rows={3}
              maxLength={ratingTextMax}
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-describedby="citizen-rating-count"
              data-testid="rating-text"
            />
            <p id="citizen-rating-count" className="citizen-muted">
              {t('citizen.rating.count', { count: text.length, max: ratingTextMax })}
            </p>
          </>
        )}
        <div className="citizen-submit-row">
          <button
            type="submit"
            className="citizen-submit"
            disabled={missing !== null || busy}
            aria-describedby={missing ? 'citizen-rating-missing' : undefined}
            data-testid="rating-submit"
          >
            {busy ? t('citizen.rating.submitting') : t('citizen.rating.submit')}
          </button>
          {missing && (
            <p id="citizen-rating-missing" className="citizen-hint" data-testid="rating-missing">
              {missing}
            </p>
          )}
        </div>
        {error && (
          <p className="citizen-error" role="alert" data-testid="rating-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
