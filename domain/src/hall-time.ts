/** The hall's time zone: dates on cards, notices and reports are Beijing dates, whatever the PC is set to. */
export const hallTimeZone = 'Asia/Shanghai';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: hallTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of an instant in Beijing. */
export function hallDate(at: Date): string {
  return dateFormat.format(at);
}
