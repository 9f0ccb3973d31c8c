import dayjsConfig from '@rc-component/picker/generate/dayjs';
import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef } from 'react';
import { useSession } from '../app/session';
import { hallNowForPicker, hallRangeOfPicker, pickerRange, sameHallRange, type HallRange } from './picker-dates';

/**
 * The server's time minus the PC's, as the session last heard it: the calendars' "today" is the
 * hall's date by the server's clock. One value for every picker (there is one session).
 */
let serverOffsetMs = 0;

/**
 * antd's pickers over dayjs (the config antd itself uses: `@rc-component/picker` comes with antd),
 * with "now" on the hall's wall clock: the calendar marks the hall's today and opens on its month.
 */
const { RangePicker } = DatePicker.generatePicker<Dayjs>({
  ...dayjsConfig,
  getNow: () => hallNowForPicker(Date.now() + serverOffsetMs),
});

export interface HallRangePickerProps {
  /** The range in use; null for none (only with `allowEmpty`). */
  value: HallRange | null;
  onChange: (range: HallRange | null) => void;
  /** Quick ranges (今天, 本周 …), in hall dates. */
  presets?: readonly { label: string; range: HallRange }[];
  /** A clear button that sets the range to none. */
  allowClear?: boolean;
  placeholder?: [string, string];
  className?: string;
  'data-testid'?: string;
}

/**
 * A range of hall dates, picked or typed. What the fields show is what is used: a range typed with
 * the keyboard applies on Enter, and also when the field is left (Tab, a click elsewhere), even
 * when only one end was changed. antd applies a range only once both ends have been through the
 * fields in one go; otherwise it keeps showing the typed date without applying it, and the screen
 * would show one range and count another. Esc goes back to the range in use.
 */
export function HallRangePicker({
  value,
  onChange,
  presets,
  allowClear = false,
  placeholder,
  className,
  'data-testid': testId,
}: HallRangePickerProps) {
  const { clockOffsetMs } = useSession();
  useEffect(() => {
    serverOffsetMs = clockOffsetMs;
  }, [clockOffsetMs]);

  // What the fields hold while the calendar is open (typed or clicked), not yet applied.
  const shown = useRef<HallRange | null>(null);
  const pickerValue = useMemo(() => (value ? pickerRange(value) : null), [value]);
  const pickerPresets = useMemo(
    () => presets?.map((p) => ({ label: p.label, value: pickerRange(p.range) })),
    [presets],
  );

  const apply = (next: HallRange | null) => {
    shown.current = null;
    if (!sameHallRange(next, value)) onChange(next);
  };

  return (
    <RangePicker
      className={className}
      value={pickerValue}
      presets={pickerPresets}
      allowClear={allowClear}
      allowEmpty={[false, false]}
      {...(placeholder ? { placeholder } : {})}
      onCalendarChange={(dates) => {
        shown.current = hallRangeOfPicker(dates);
      }}
      onChange={(dates) => apply(hallRangeOfPicker(dates))}
      onOpenChange={(open) => {
        // Closed (Enter, Tab out, a click elsewhere): apply what the fields show. After Esc they
        // show the range in use again, so nothing changes.
        if (!open && shown.current) apply(shown.current);
      }}
      data-testid={testId}
    />
  );
}
