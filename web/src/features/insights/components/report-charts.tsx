// Learning by direction and topic, and quality month by month. Loaded on demand.
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export function LearningBars({ rows }: { rows: { label: string; entries: number }[] }) {
  return (
    <div className="chart" style={{ height: Math.max(160, rows.length * 40 + 60) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#d7dde5" />
          <XAxis type="number" allowDecimals={false} tick={{ fill: '#3d4a5c', fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={160} tick={{ fill: '#3d4a5c', fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="entries" name="Entries" fill="#1f4e79" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface QualityPoint {
  month: string;
  value: number;
  valueError: [number, number];
  heard: number;
  heardError: [number, number];
}

export function QualityLines({ points }: { points: QualityPoint[] }) {
  return (
    <div className="chart" style={{ height: 280 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#d7dde5" />
          <XAxis dataKey="month" tick={{ fill: '#3d4a5c', fontSize: 12 }} />
          <YAxis domain={[1, 5]} tick={{ fill: '#3d4a5c', fontSize: 12 }} width={32} />
          <Tooltip />
          <Legend formatter={(value) => <span style={{ color: '#1d2836' }}>{value}</span>} />
          <Line dataKey="value" name="Value (1–5)" stroke="#1f4e79" strokeWidth={2}>
            <ErrorBar dataKey="valueError" width={4} stroke="#1f4e79" />
          </Line>
          <Line dataKey="heard" name="Felt heard (1–5)" stroke="#1d6b3a" strokeWidth={2}>
            <ErrorBar dataKey="heardError" width={4} stroke="#1d6b3a" />
          </Line>
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
