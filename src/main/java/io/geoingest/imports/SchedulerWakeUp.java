package io.geoingest.imports;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this replica's Quartz scheduler once a transaction that scheduled a job commits. Quartz
 * signals its thread when the trigger is stored, before the commit, so the thread finds nothing
 * yet and sleeps its idle wait (1 s at least): a second of every import spent queued.
 */
@Component
public class SchedulerWakeUp {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerWakeUp.class);

    private final Scheduler scheduler;

    public SchedulerWakeUp(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public void afterCommit(TriggerKey trigger) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    // Resuming a trigger that is not paused changes nothing but signals the scheduler thread.
                    scheduler.resumeTrigger(trigger);
                } catch (SchedulerException e) {
                    LOG.debug("could not wake the scheduler for {}: {}", trigger, e.toString());
                }
            }
        });
    }
}
