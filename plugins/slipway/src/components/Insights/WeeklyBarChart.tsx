import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * Figures per week as bars (`data` rows keyed by `week`), hidden from screen readers: every card that draws one shows
 * the same figures as a table beside it. Bars with the same `stack` are stacked; a legend names them when asked.
 */
export function WeeklyBarChart(props: {
  data: object[];
  bars: Array<{ key: string; colour: string; stack?: string }>;
  height: number;
  legend?: boolean;
}) {
  return (
    <div aria-hidden style={{ width: '100%', height: props.height }}>
      <ResponsiveContainer>
        <BarChart data={props.data} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          {props.legend && <Legend />}
          {props.bars.map(bar => (
            <Bar
              key={bar.key}
              dataKey={bar.key}
              stackId={bar.stack}
              fill={bar.colour}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
