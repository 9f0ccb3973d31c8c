import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hallDateTime } from '@yichuang/domain/hall-time';
import { ratingCodeSchema } from '@yichuang/domain/rating-codes';
import { isBadRating, ratingLevels, ratingTextMax, type RatingLevel } from '@yichuang/domain/ratings';
import type { Central } from '../central';
import { field, hidden, sendPage } from '../approver/kit';
import { pickLang, translator, type Lang, type MessageKey } from '../approver/i18n';
import {
  typedCaseNumber,
  type OnlineRateResult,
  type OnlineRefusal,
  type RatingRefusalReason,
} from '../service/ratings';
import { codePage, ratingForm, thanksPage, type RatePageContext, type RatingChoices } from './page';

/**
 * The rating page (docs/ratings.md): a citizen scans the QR code on the window's notice, which opens
 * `GET /rate?case=<number>`, types the notice's 评价码, and rates the visit once, within its days.
 * Public (no sign-in), server-rendered, no script; zh-CN, or English with `?lang=en` (else the
 * browser's language). The checks and the storing are the rating store's (`openOnline`, `rateOnline`).
 */

/** The forms are small: a 500-character comment is the largest field. */
const formBodyLimit = 16 * 1024;

/** The answer's status for each refusal. */
const refusalStatus: Record<RatingRefusalReason, number> = {
  locked: 429,
  unknown_case: 404,
  not_invited: 409,
  wrong_code: 403,
  expired: 410,
  already_rated: 409,
};

/** All values of a repeated form field (checkboxes): the parser gives a string for one, an array for more. */
function fieldList(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object' || !Object.hasOwn(body, name)) return [];
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A code as typed on a phone: full-width digits read as ASCII, spaces taken out. */
const typedCode = (raw: string) => raw.normalize('NFKC').replace(/\s+/g, '');

export async function registerRatingPage(app: FastifyInstance, central: Central): Promise<void> {
  const { ratings } = central;

  /** The reader's language: `?lang=` when it names one we speak (kept by the forms), else the browser's. */
  function contextOf(request: FastifyRequest): RatePageContext {
    const asked = (request.query as { lang?: unknown } | undefined)?.lang;
    const chosenLang: Lang | null = asked === 'en' || asked === 'zh-CN' ? asked : null;
    const lang = chosenLang ?? pickLang(undefined, request.headers['accept-language']);
    return { ui: translator(lang), hallName: central.hall.settings.hallName(), chosenLang };
  }

  function refusalText(context: RatePageContext, refusal: OnlineRefusal): string {
    return context.ui.t(`rate.refused.${refusal.reason}`, {
      number: refusal.caseNumber,
      until: refusal.until ?? '',
      time: refusal.lockedUntil ? hallDateTime(refusal.lockedUntil, ratings.timeZone) : '',
    });
  }

  /** The code page again, saying why; the code is typed again. */
  function refused(reply: FastifyReply, context: RatePageContext, refusal: OnlineRefusal): FastifyReply {
    const page = codePage(context, {
      caseNumber: refusal.caseNumber,
      code: '',
      errors: [refusalText(context, refusal)],
    });
    return sendPage(reply, refusalStatus[refusal.reason], page);
  }

  /** The case number and code a form sent, or the code page again when one is missing or not 8 digits. */
  function readCode(
    request: FastifyRequest,
    reply: FastifyReply,
    context: RatePageContext,
  ): { caseNumber: string; code: string } | null {
    const caseNumber = typedCaseNumber(field(request.body, 'case'));
    const code = typedCode(field(request.body, 'code'));
    const problems: MessageKey[] = [];
    if (!caseNumber) problems.push('rate.error.caseMissing');
    if (!ratingCodeSchema.safeParse(code).success) problems.push('rate.error.codeFormat');
    if (problems.length === 0) return { caseNumber, code };
    const page = codePage(context, { caseNumber, code, errors: problems.map((k) => context.ui.t(k)) });
    sendPage(reply, 400, page);
    return null;
  }

  /** What was wrong with an answer, in the reader's words. */
  function invalidText(
    context: RatePageContext,
    result: Extract<OnlineRateResult, { outcome: 'invalid' }>,
    choices: RatingChoices,
  ): string[] {
    const t = context.ui.t.bind(context.ui);
    const level = (ratingLevels as readonly string[]).includes(choices.level) ? (choices.level as RatingLevel) : null;
    return result.fields.map((f) => {
      if (f === 'level') return t('rate.error.level');
      if (f === 'text') return t('rate.error.textTooLong', { max: ratingTextMax });
      if (level && isBadRating(level) && choices.reasons.length === 0) return t('rate.error.reasonsNeeded');
      if (level && !isBadRating(level) && choices.reasons.length > 0) return t('rate.error.reasonsNotNeeded');
      return t('rate.error.reasons');
    });
  }

  await app.register(async (scope) => {
    await scope.register(fastifyFormbody, { bodyLimit: formBodyLimit });

    scope.setErrorHandler(async (error, request, reply) => {
      const context = contextOf(request);
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) request.log.error({ err: error }, 'rating page failed');
      const text =
        status >= 500
          ? context.ui.t('error.internal')
          : context.ui.t('error.badRequest', { message: (error as Error).message });
      return sendPage(
        reply,
        status >= 400 ? status : 500,
        codePage(context, { caseNumber: '', code: '', errors: [text] }),
      );
    });

    scope.get<{ Querystring: { case?: unknown } }>('/rate', hidden, async (request, reply) => {
      const typed = typeof request.query.case === 'string' ? typedCaseNumber(request.query.case) : '';
      return sendPage(reply, 200, codePage(contextOf(request), { caseNumber: typed, code: '', errors: [] }));
    });

    scope.post('/rate', hidden, async (request, reply) => {
      const context = contextOf(request);
      const given = readCode(request, reply, context);
      if (!given) return reply;
      const checked = await ratings.openOnline(given.caseNumber, given.code);
      if (checked.outcome === 'refused') return refused(reply, context, checked);
      const choices: RatingChoices = { level: '', reasons: [], text: '' };
      return sendPage(reply, 200, ratingForm(context, { visit: checked.visit, code: given.code, choices, errors: [] }));
    });

    scope.post('/rate/submit', hidden, async (request, reply) => {
      const context = contextOf(request);
      const given = readCode(request, reply, context);
      if (!given) return reply;
      const choices: RatingChoices = {
        level: field(request.body, 'level'),
        reasons: fieldList(request.body, 'reasons'),
        text: field(request.body, 'text'),
      };
      const result = await ratings.rateOnline(given.caseNumber, given.code, {
        level: choices.level,
        reasons: choices.reasons,
        text: choices.text,
      });
      if (result.outcome === 'refused') return refused(reply, context, result);
      if (result.outcome === 'invalid') {
        const errors = invalidText(context, result, choices);
        return sendPage(reply, 400, ratingForm(context, { visit: result.visit, code: given.code, choices, errors }));
      }
      return sendPage(reply, 200, thanksPage(context, result.visit));
    });
  });
}
