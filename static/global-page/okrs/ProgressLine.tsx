/**
 * A key result's progress over its quarter: a small line from the quarter's start to its end, one
 * point per check-in. A figure with its caption; the check-in trail beside it is its table view.
 */
import { token } from '@atlaskit/tokens';
import { formatShare } from '../../shared/format';

const WIDTH = 180;
const HEIGHT = 44;
const PAD = 4;

export function ProgressLine({ points, from, to, label }: { points: readonly { at: number; progress: number }[]; from: number; to: number; label: string }) {
  const x = (at: number) => PAD + ((at - from) / Math.max(1, to - from)) * (WIDTH - 2 * PAD);
  const y = (progress: number) => HEIGHT - PAD - progress * (HEIGHT - 2 * PAD);
  const last = points[points.length - 1];
  const description =
    points.length === 0 ? 'no check-ins yet' : `${points.length} check-ins, latest ${formatShare(last?.progress)}`;
  return (
    <figure style={{ margin: 0 }}>
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={`${label}: ${description}`}>
        <rect x={0.5} y={0.5} width={WIDTH - 1} height={HEIGHT - 1} fill="none" stroke={token('color.border')} rx={3} />
        <line x1={PAD} x2={WIDTH - PAD} y1={y(1)} y2={y(1)} stroke={token('color.border.success')} strokeDasharray="3 3" />
        {points.length > 1 && (
          <polyline
            points={points.map((point) => `${x(point.at)},${y(point.progress)}`).join(' ')}
            fill="none"
            stroke={token('color.chart.brand')}
            strokeWidth={2}
          />
        )}
        {points.map((point) => (
          <circle key={point.at} cx={x(point.at)} cy={y(point.progress)} r={2.5} fill={token('color.chart.brand')} />
        ))}
      </svg>
      <figcaption style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>Progress this quarter: {description}</figcaption>
    </figure>
  );
}
