// Supply and demand per topic: how many offer it and how many seek it. Loaded on demand
// (recharts is large), so it never weighs on the first screen.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface TopicDemand {
  topic: string;
  offered: number;
  sought: number;
}

export default function TopicDemandChart({ data }: { data: TopicDemand[] }) {
  const height = Math.max(180, data.length * 34 + 60);
  return (
    <div className="chart" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#d7dde5" />
          <XAxis type="number" allowDecimals={false} tick={{ fill: '#3d4a5c', fontSize: 12 }} />
          <YAxis type="category" dataKey="topic" width={200} tick={{ fill: '#1d2836', fontSize: 12 }} />
          <Tooltip />
          <Legend verticalAlign="top" height={32} />
          <Bar dataKey="offered" name="Offered by mentors" fill="#1f6f8b" radius={[0, 3, 3, 0]} />
          <Bar dataKey="sought" name="Sought by mentees" fill="#c2571a" radius={[0, 3, 3, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
