import {
  badRatingReasonNames,
  badRatingReasonNamesEn,
  badRatingReasons,
  ratingLevelNames,
  ratingLevelNamesEn,
  ratingLevels,
  ratingStageNames,
  ratingStageNamesEn,
  ratingTextMax,
  type BadRatingReason,
  type RatingLevel,
  type RatingStage,
} from '@yichuang/domain/ratings';
import { href, html, trusted, type SafeHtml } from '../approver/html';
import { langs, type Lang, type Translator } from '../approver/i18n';
import type { OnlineVisit } from '../service/ratings';

/**
 * The rating page's documents (docs/ratings.md): the code form, the rating form, the thanks. Phone
 * first: one column, large type and touch targets, nothing wider than a 320-pixel screen at any
 * zoom; no script. They never show who the applicant is: the matter, the case number and the visit only.
 */

/** What every page of it needs: the words, the hall, the language the reader chose (kept in the links and forms). */
export interface RatePageContext {
  ui: Translator;
  hallName: string;
  /** The language asked for in the address (`?lang=`), kept by the forms; null when it came from the browser. */
  chosenLang: Lang | null;
}

const styles = trusted(`
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:17px;line-height:1.6;color:#1f2329;background:#f3f5f8;overflow-wrap:anywhere}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:4px 12px;padding:8px 16px;background:#1d3557;color:#fff}
.hall{font-weight:600;font-size:17px;padding:6px 0}
.lang{display:flex;gap:4px}
.lang a{display:inline-flex;align-items:center;min-height:44px;min-width:44px;justify-content:center;padding:0 10px;color:#fff;border-radius:6px;text-decoration:underline}
.lang a[aria-current=true]{background:rgba(255,255,255,.2);font-weight:600;text-decoration:none}
main{max-width:560px;margin:0 auto;padding:16px 16px 32px}
h1{font-size:24px;line-height:1.3;margin:8px 0 16px}
.card{background:#fff;border:1px solid #d5dbe4;border-radius:10px;padding:16px;margin:0 0 16px}
p{margin:0 0 12px}
.intro{color:#374151}
.field{margin:0 0 20px}
.field label{display:block;font-weight:600;margin:0 0 4px}
.hint{display:block;color:#4b5563;font-size:15px;margin:0 0 8px}
input[type=text],textarea{display:block;width:100%;max-width:100%;font:inherit;font-size:19px;padding:10px 12px;min-height:52px;border:1px solid #6b7280;border-radius:8px;background:#fff;color:#1f2329}
input.case{font-size:17px;padding:10px}
input.code{letter-spacing:.2em;font-variant-numeric:tabular-nums}
textarea{min-height:128px;resize:vertical;font-size:17px}
:focus-visible{outline:3px solid #1456c7;outline-offset:2px}
button.primary{display:block;width:100%;min-height:56px;margin:8px 0 0;padding:10px 16px;font:inherit;font-size:19px;font-weight:600;color:#fff;background:#1456c7;border:0;border-radius:10px;cursor:pointer}
fieldset{border:0;margin:0 0 20px;padding:0;min-width:0}
legend{font-weight:600;font-size:18px;padding:0;margin:0 0 8px}
.choices{display:grid;gap:8px}
.choice{display:flex;align-items:center;gap:12px;min-height:52px;padding:8px 14px;background:#fff;border:1px solid #8a94a3;border-radius:10px;cursor:pointer}
.choice input{flex:none;width:24px;height:24px;margin:0;accent-color:#1456c7}
.choice:has(input:checked){border:2px solid #1456c7;background:#eef4ff;padding:7px 13px}
.visit{margin:0}
.visit div{padding:6px 0;border-bottom:1px solid #edf0f4}
.visit div:last-child{border-bottom:0}
.visit dt{color:#4b5563;font-size:15px}
.visit dd{margin:0;font-weight:600}
.num{font-variant-numeric:tabular-nums}
.until{color:#374151;font-size:15px;margin:12px 0 0}
.error{background:#fff1f0;border:1px solid #ffa39e;color:#a8071a;padding:10px 14px;border-radius:8px;margin:0 0 16px}
.error ul{margin:0;padding-left:20px}
.done{background:#f6ffed;border:1px solid #b7eb8f;color:#135200;padding:12px 14px;border-radius:8px;margin:0 0 16px}
a{color:#1456c7}
.more{display:inline-flex;align-items:center;min-height:44px}
@media (max-width:380px){main{padding:12px 12px 24px}.card{padding:14px 12px}}
`);

const levelName = (lang: Lang, level: RatingLevel) =>
  lang === 'en' ? ratingLevelNamesEn[level] : ratingLevelNames[level];
const reasonName = (lang: Lang, reason: BadRatingReason) =>
  lang === 'en' ? badRatingReasonNamesEn[reason] : badRatingReasonNames[reason];
export const stageName = (lang: Lang, stage: RatingStage) =>
  lang === 'en' ? ratingStageNamesEn[stage] : ratingStageNames[stage];

/** Where a form of the page posts: the page's path, with the language when the reader chose it. */
function action(context: RatePageContext, path: string): string {
  return href(path, { lang: context.chosenLang ?? undefined });
}

/** 中文 / English: links to the code page in the other language (the case number kept). */
function langSwitch(context: RatePageContext, caseNumber: string): SafeHtml {
  const { ui } = context;
  return html`<nav class="lang" aria-label="${ui.t('lang.switch')}">
    ${langs.map(
      (lang) =>
        html`<a
          href="${href('/rate', { case: caseNumber || undefined, lang })}"
          lang="${lang}"
          hreflang="${lang}"
          aria-current="${lang === ui.lang ? 'true' : 'false'}"
          >${ui.t(`lang.${lang}`)}</a
        >`,
    )}
  </nav>`;
}

function errors(messages: readonly string[]): SafeHtml | '' {
  if (messages.length === 0) return '';
  return html`<div class="error" role="alert" id="errors">
    ${
      messages.length === 1
        ? messages[0]
        : html`<ul>
            ${messages.map((m) => html`<li>${m}</li>`)}
          </ul>`
    }
  </div>`;
}

function document(context: RatePageContext, title: string, caseNumber: string, body: SafeHtml): string {
  const { ui } = context;
  return html`<!doctype html>
    <html lang="${ui.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${title} · ${context.hallName}</title>
        <style>
          ${styles}
        </style>
      </head>
      <body>
        <header class="top">
          <span class="hall">${context.hallName}</span>
          ${langSwitch(context, caseNumber)}
        </header>
        <main>${body}</main>
      </body>
    </html>`.html;
}

/** The first page: the case number (from the QR code's address, editable) and the 评价码. */
export function codePage(
  context: RatePageContext,
  data: { caseNumber: string; code: string; errors: readonly string[] },
): string {
  const { ui } = context;
  const invalid = data.errors.length > 0;
  const body = html`<h1>${ui.t('rate.title')}</h1>
    ${errors(data.errors)}
    <form method="post" action="${action(context, '/rate')}" class="card" novalidate>
      <p class="intro">${ui.t('rate.intro')}</p>
      <div class="field">
        <label for="case">${ui.t('rate.caseNumber')}</label>
        <span class="hint" id="case-hint">${ui.t('rate.caseNumberHint')}</span>
        <input
          type="text"
          id="case"
          name="case"
          class="num case"
          value="${data.caseNumber}"
          maxlength="40"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          required
          aria-describedby="case-hint${invalid ? ' errors' : ''}"
        />
      </div>
      <div class="field">
        <label for="code">${ui.t('rate.code')}</label>
        <span class="hint" id="code-hint">${ui.t('rate.codeHint')}</span>
        <input
          type="text"
          id="code"
          name="code"
          class="num code"
          value="${data.code}"
          inputmode="numeric"
          maxlength="12"
          autocomplete="off"
          required
          aria-describedby="code-hint${invalid ? ' errors' : ''}"
        />
      </div>
      <button type="submit" class="primary">${ui.t('rate.next')}</button>
    </form>`;
  return document(context, ui.t('rate.title'), data.caseNumber, body);
}

/** The choices a rating form shows again after a refusal of its answer. */
export interface RatingChoices {
  level: string;
  reasons: readonly string[];
  text: string;
}

/** The rating form: the visit (no personal data), the five levels, the 差评 reasons, the text. */
export function ratingForm(
  context: RatePageContext,
  data: { visit: OnlineVisit; code: string; choices: RatingChoices; errors: readonly string[] },
): string {
  const { ui } = context;
  const { visit, choices } = data;
  const max = ratingTextMax;
  const body = html`<h1>${ui.t('rate.formTitle')}</h1>
    ${errors(data.errors)}
    <section class="card">
      <dl class="visit">
        <div>
          <dt>${ui.t('rate.visit.matter')}</dt>
          <dd>${visit.matterName}</dd>
        </div>
        <div>
          <dt>${ui.t('rate.visit.number')}</dt>
          <dd class="num">${visit.caseNumber}</dd>
        </div>
        <div>
          <dt>${ui.t('rate.visit.stage')}</dt>
          <dd>${stageName(ui.lang, visit.stage)}</dd>
        </div>
        <div>
          <dt>${ui.t('rate.visit.date')}</dt>
          <dd class="num">${visit.decidedDay}</dd>
        </div>
      </dl>
      <p class="until">${ui.t('rate.visit.until', { until: visit.until })}</p>
    </section>
    <form method="post" action="${action(context, '/rate/submit')}" class="card" novalidate>
      <input type="hidden" name="case" value="${visit.caseNumber}" />
      <input type="hidden" name="code" value="${data.code}" />
      <fieldset>
        <legend>${ui.t('rate.level')}</legend>
        <div class="choices">
          ${ratingLevels.map(
            (level) =>
              html`<label class="choice"
                ><input
                  type="radio"
                  name="level"
                  value="${level}"
                  ${choices.level === level ? trusted('checked') : ''}
                  required
                />${levelName(ui.lang, level)}</label
              >`,
          )}
        </div>
      </fieldset>
      <fieldset aria-describedby="reasons-hint">
        <legend>${ui.t('rate.reasons')}</legend>
        <span class="hint" id="reasons-hint">${ui.t('rate.reasonsHint')}</span>
        <div class="choices">
          ${badRatingReasons.map(
            (reason) =>
              html`<label class="choice"
                ><input
                  type="checkbox"
                  name="reasons"
                  value="${reason}"
                  ${choices.reasons.includes(reason) ? trusted('checked') : ''}
                />${reasonName(ui.lang, reason)}</label
              >`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for="text">${ui.t('rate.text')}</label>
        <span class="hint" id="text-hint">${ui.t('rate.textHint', { max })}</span>
        <textarea id="text" name="text" maxlength="${max}" aria-describedby="text-hint">${choices.text}</textarea>
      </div>
      <button type="submit" class="primary">${ui.t('rate.submit')}</button>
    </form>`;
  return document(context, ui.t('rate.formTitle'), visit.caseNumber, body);
}

/** After the rating is stored. */
export function thanksPage(context: RatePageContext, visit: OnlineVisit): string {
  const { ui } = context;
  const body = html`<h1>${ui.t('rate.thanksTitle')}</h1>
    <div class="done" role="status">
      <p>${ui.t('rate.thanks', { number: visit.caseNumber, stage: stageName(ui.lang, visit.stage) })}</p>
      <p style="margin:0">${ui.t('rate.thanksOnce')}</p>
    </div>
    <p><a class="more" href="${action(context, '/rate')}">${ui.t('rate.another')}</a></p>`;
  return document(context, ui.t('rate.thanksTitle'), '', body);
}
