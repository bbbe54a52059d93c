// Where the pairs are: a single horizontal bar per status. Loaded on demand.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface StatusCount {
  status: string;
  count: number;
  color: string;
}

export default function PairsChart({ data }: { data: StatusCount[] }) {
  return (
    <div className="chart" style={{ height: Math.max(160, data.length * 36 + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#d7dde5" />
          <XAxis type="number" allowDecimals={false} tick={{ fill: '#3d4a5c', fontSize: 12 }} />
          <YAxis type="category" dataKey="status" width={90} tick={{ fill: '#1d2836', fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="count" name="Pairs" radius={[0, 3, 3, 0]}>
            {data.map((d) => (
              <Cell key={d.status} fill={d.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
