import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useSim } from '../../app/AppContext';
import { formatRate, formatTime } from '../../app/format';

/** Depth, rates and dead letters per topic and consumer group. */
export const QueuesView = (): ReactElement => {
  const queues = useSim((s) => s.queues);
  const rows = useMemo(() => Object.values(queues).sort((a, b) => a.topic.localeCompare(b.topic) || a.group.localeCompare(b.group)), [queues]);
  return (
    <div className="queues" data-testid="queues">
      <section>
        <h3>Topics and consumer groups</h3>
        {rows.length === 0 ? <p className="muted">No queue statistics: this scenario has no publishers and consumers, or the run has not started.</p> : (
          <table className="grid" data-testid="queue-table">
            <thead><tr><th>topic</th><th>group</th><th>depth</th><th>published</th><th>acked</th><th>publish rate</th><th>ack rate</th><th>redelivered</th><th>dead letters</th><th>at</th></tr></thead>
            <tbody>
              {rows.map((q) => (
                <tr key={`${q.topic}|${q.group}`} data-testid="queue-row" data-topic={q.topic} data-group={q.group} data-depth={q.depth}>
                  <td>{q.topic}</td><td>{q.group}</td><td className={q.depth > 0 ? 'warn-text' : ''}>{q.depth}</td><td>{q.published}</td><td>{q.acked}</td>
                  <td>{formatRate(q.publishRate)}</td><td>{formatRate(q.ackRate)}</td><td>{q.redelivered}</td>
                  <td className={q.deadLettered > 0 ? 'error-text' : ''}>{q.deadLettered}</td><td>{formatTime(q.t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
};
