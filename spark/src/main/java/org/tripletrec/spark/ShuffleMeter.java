package org.tripletrec.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Sums the shuffle bytes and task time of every finished task, from Spark's own task metrics. */
final class ShuffleMeter extends SparkListener {
    private final SparkContext sc;
    final AtomicLong shuffleWritten = new AtomicLong();
    final AtomicLong shuffleRead = new AtomicLong();
    final AtomicLong taskMillis = new AtomicLong();
    final AtomicLong tasks = new AtomicLong();

    private ShuffleMeter(SparkContext sc) {
        this.sc = sc;
    }

    static ShuffleMeter attach(SparkContext sc) {
        ShuffleMeter m = new ShuffleMeter(sc);
        sc.addSparkListener(m);
        return m;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics m = end.taskMetrics();
        if (m == null) {
            return;
        }
        shuffleWritten.addAndGet(m.shuffleWriteMetrics().bytesWritten());
        shuffleRead.addAndGet(m.shuffleReadMetrics().totalBytesRead());
        taskMillis.addAndGet(m.executorRunTime());
        tasks.incrementAndGet();
    }

    /** Waits until Spark has delivered the events of finished jobs, so that the sums are up to date. */
    Snapshot snapshot() {
        try {
            sc.listenerBus().waitUntilEmpty(10_000);
        } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
            // the sums may lag a little; they are for reporting only
        }
        return new Snapshot(shuffleWritten.get(), shuffleRead.get(), taskMillis.get(), tasks.get());
    }

    record Snapshot(long written, long read, long taskMillis, long tasks) {
        Snapshot minus(Snapshot o) {
            return new Snapshot(written - o.written, read - o.read, taskMillis - o.taskMillis, tasks - o.tasks);
        }
    }
}
