// Meetings week by week: held, still in the calendar and cancelled (by side), against the
// meetings the agreed cadence plans. Loaded on demand (recharts is large).
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MomentumWeek } from '../types';

const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
export const weekLabel = (iso: string) => short.format(new Date(`${iso}T00:00:00Z`));

export default function MomentumChart({ weeks }: { weeks: MomentumWeek[] }) {
  const data = weeks.map((w) => ({ ...w, label: weekLabel(w.weekStart) }));
  return (
    <div className="chart" style={{ height: 300 }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d7dde5" />
          <XAxis dataKey="label" tick={{ fill: '#3d4a5c', fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fill: '#3d4a5c', fontSize: 12 }} width={32} />
          <Tooltip />
          <Legend formatter={(value) => <span style={{ color: '#1d2836' }}>{value}</span>} />
          <Bar dataKey="held" name="Held" stackId="m" fill="#1d6b3a" />
          <Bar dataKey="scheduled" name="In the calendar" stackId="m" fill="#8fb8d6" />
          <Bar dataKey="cancelledByMentor" name="Cancelled by mentor" stackId="m" fill="#c2571a" />
          <Bar dataKey="cancelledByMentee" name="Cancelled by mentee" stackId="m" fill="#b42318" />
          <Line
            dataKey="planned"
            name="Planned by cadence"
            type="stepAfter"
            stroke="#1f4e79"
            strokeWidth={2}
            dot={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
