import { hallDate } from '@yichuang/domain/hall-time';
import type { calendarChannels } from '../../preload/contract/channels/calendar';
import type { Clock } from '../app/clock';
import type { HandlersOf } from '../ipc/router';
import type { CalendarService } from './service';

/** The holiday calendar and promised dates (from today's hall date). */
export function calendarHandlers(deps: {
  calendar: CalendarService;
  clock: Clock;
}): HandlersOf<typeof calendarChannels> {
  const { calendar, clock } = deps;
  return {
    'calendar.info': () => calendar.info(),
    'calendar.promisedDate': (_ctx, input) => calendar.current().addWorkingDays(hallDate(clock.now()), input.days),
  };
}
