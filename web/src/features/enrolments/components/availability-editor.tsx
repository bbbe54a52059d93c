// Weekly availability: a list of (day, from, to) slots, edited with plain controls.
import { Button } from '../../../components/button';
import { FieldError, SelectField, TextField } from '../../../components/field';
import { dayNames } from '../../../lib/format';

export interface SlotDraft {
  key: number;
  day: string;
  start: string;
  end: string;
}

let nextKey = 1;
export const newSlot = (day = '1', start = '09:00', end = '10:00'): SlotDraft => ({
  key: nextKey++,
  day,
  start,
  end,
});

export function AvailabilityEditor({
  slots,
  onChange,
  errors,
}: {
  slots: SlotDraft[];
  onChange: (slots: SlotDraft[]) => void;
  /** Errors by "availability.<i>.<field>" (and "availability" for the list). */
  errors: Record<string, string>;
}) {
  const update = (key: number, patch: Partial<SlotDraft>) =>
    onChange(slots.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  return (
    <div className="availability">
      <FieldError message={errors.availability} />
      {slots.length === 0 ? (
        <p className="muted">No times yet. Add the hours in a usual week when you could meet.</p>
      ) : null}
      <ul className="slot-list">
        {slots.map((slot, i) => {
          const n = i + 1;
          const slotError = errors[`availability.${i}`] ?? errors[`availability.${i}.day`];
          return (
            <li key={slot.key} className="slot">
              <SelectField
                label={`Day of time slot ${n}`}
                value={slot.day}
                onChange={(e) => update(slot.key, { day: e.target.value })}
                error={slotError}
              >
                {dayNames.map((d, di) => (
                  <option key={d} value={String(di + 1)}>
                    {d}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={`From (slot ${n})`}
                type="time"
                step={900}
                value={slot.start}
                onChange={(e) => update(slot.key, { start: e.target.value })}
                error={errors[`availability.${i}.start`]}
              />
              <TextField
                label={`To (slot ${n})`}
                type="time"
                step={900}
                value={slot.end}
                onChange={(e) => update(slot.key, { end: e.target.value })}
                error={errors[`availability.${i}.end`]}
              />
              <Button
                variant="ghost"
                size="small"
                className="slot__remove"
                onClick={() => onChange(slots.filter((s) => s.key !== slot.key))}
              >
                Remove slot {n}
              </Button>
            </li>
          );
        })}
      </ul>
      <Button
        variant="secondary"
        size="small"
        onClick={() => {
          const last = slots[slots.length - 1];
          onChange([
            ...slots,
            newSlot(
              last ? String((Number(last.day) % 7) + 1) : '1',
              last?.start ?? '09:00',
              last?.end ?? '10:00',
            ),
          ]);
        }}
      >
        + Add a time slot
      </Button>
    </div>
  );
}
