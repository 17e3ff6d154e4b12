package org.bulletin.publish.store;

import org.bulletin.schemas.Notification;

/** One queued notification and its outbox id (ids grow in commit order, see V1__store.sql). */
public record OutboxEntry(long id, Notification notification) {}
