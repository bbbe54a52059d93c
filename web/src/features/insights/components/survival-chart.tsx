// Share still employed month by month since the programme began: participants against
// matched colleagues, each with its 95% band. Loaded on demand (recharts is large).
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CurvePoint } from '../api/reports';

export default function SurvivalChart({
  participants,
  others,
}: {
  participants: CurvePoint[];
  others: CurvePoint[];
}) {
  const data = participants.map((p, i) => {
    const o = others[i];
    return {
      month: Math.round(p.day / 30.44),
      participants: p.survival * 100,
      participantsBand: [(p.lower ?? p.survival) * 100, (p.upper ?? p.survival) * 100],
      others: o ? o.survival * 100 : null,
      othersBand: o ? [(o.lower ?? o.survival) * 100, (o.upper ?? o.survival) * 100] : null,
    };
  });
  return (
    <div className="chart" style={{ height: 320 }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#d7dde5" />
          <XAxis
            dataKey="month"
            tick={{ fill: '#3d4a5c', fontSize: 12 }}
            label={{ value: 'months since the start', position: 'insideBottom', offset: -4, fontSize: 12 }}
          />
          <YAxis domain={['auto', 100]} unit="%" tick={{ fill: '#3d4a5c', fontSize: 12 }} width={48} />
          <Tooltip
            formatter={(v) =>
              Array.isArray(v)
                ? v.map((x) => `${Number(x).toFixed(1)}%`).join(' – ')
                : `${Number(v).toFixed(1)}%`
            }
          />
          <Legend formatter={(value) => <span style={{ color: '#1d2836' }}>{value}</span>} />
          <Area
            dataKey="othersBand"
            name="Matched colleagues, 95% band"
            fill="#c2571a"
            fillOpacity={0.15}
            stroke="none"
            type="stepAfter"
          />
          <Area
            dataKey="participantsBand"
            name="Participants, 95% band"
            fill="#1f4e79"
            fillOpacity={0.2}
            stroke="none"
            type="stepAfter"
          />
          <Line
            dataKey="others"
            name="Matched colleagues"
            stroke="#c2571a"
            strokeWidth={2}
            dot={false}
            type="stepAfter"
          />
          <Line
            dataKey="participants"
            name="Participants"
            stroke="#1f4e79"
            strokeWidth={2}
            dot={false}
            type="stepAfter"
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
