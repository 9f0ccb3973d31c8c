import { z } from 'zod';
import { channel, none } from '../channel';
import { calendarInfoSchema, workingDateSchema } from '@yichuang/domain/calendar';

/** The holiday calendar and promised dates in working days. */
export const calendarChannels = {
  'calendar.info': channel({ input: none, output: calendarInfoSchema, access: 'signedIn', audit: false }),

  /** The date `days` working days after today (hall date): the promised date if accepted now. */
  'calendar.promisedDate': channel({
    input: z.object({ days: z.number().int().min(0).max(365) }).strict(),
    output: workingDateSchema,
    access: 'signedIn',
    audit: false,
  }),

  /** Starts a draft case at this window. */
} as const;
