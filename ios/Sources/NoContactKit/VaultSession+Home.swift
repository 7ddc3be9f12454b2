import Foundation

/// Home, the access log, people and quick logs.
extension VaultSession {
    /// The home screen in one call, in the person's zone.
    public func summary() throws -> HomeSummary {
        try call { try $0.summary(zone: zone.identifier) }
    }

    /// Date triggers within `days`, nearest first.
    public func riskyDates(within days: UInt32) throws -> [RiskyDate] {
        try call { try $0.riskyDates(zone: zone.identifier, horizonDays: days) }
    }

    /// The access log of the open space, newest first.
    public func accessLog() throws -> [AccessEvent] {
        try call { try $0.accessLog() }
    }

    public func acknowledgeAccessLog() throws {
        try call { try $0.acknowledgeAccessLog() }
    }

    public func people(includeArchived: Bool = false) throws -> [Person] {
        try call { try $0.listPeople(includeArchived: includeArchived) }
    }

    public func addPerson(_ input: PersonInput) throws -> Person {
        try call { try $0.addPerson(input: input) }
    }

    /// They tried to reach me; details can be added later (an amendment).
    public func logAttempt(personId: String, channel: Channel) throws -> Event {
        let offset = utcOffsetNow
        return try call { try $0.quickLogAttempt(personId: personId, channel: channel, utcOffsetSeconds: offset) }
    }

    /// An urge, logged at once with how it ended.
    public func logUrge(intensity: UInt8, outcome: UrgeOutcome) throws -> Event {
        let offset = utcOffsetNow
        return try call { try $0.quickLogUrge(intensity: intensity, outcome: outcome, utcOffsetSeconds: offset) }
    }

    /// A check-in with a mood (1–5), optionally energy and a note.
    public func checkIn(mood: UInt8, energy: UInt8?, note: String) throws -> Event {
        let body = EventBody.checkIn(checkIn: CheckIn(mood: mood, energy: energy, note: note, tags: []))
        return try log(body).event
    }

    /// Logs a full entry now (or at `at`).
    public func log(_ body: EventBody, at: Date? = nil) throws -> Logged {
        let entry = NewEvent(at: at, utcOffsetSeconds: utcOffsetNow, body: body)
        return try call { try $0.logEvent(event: entry) }
    }

    /// Logs something quick without unlocking (the widget, a shortcut).
    public func logWhileLocked(_ entry: QuickEntry) throws {
        let offset = utcOffsetNow
        try call { try $0.logWhileLocked(entry: entry, utcOffsetSeconds: offset) }
    }
}

/// Getting through an urge.
extension VaultSession {
    /// The person's reasons, coping steps and people, and the suggested wait.
    public func startUrge(personId: String?) throws -> UrgeSupport {
        try call { try $0.startUrgeSession(personId: personId) }
    }

    /// Keeps the message they want to send as an unsent letter (never sent).
    public func writeUrgeLetter(session: String, text: String) throws -> Reflection {
        let offset = utcOffsetNow
        return try call { try $0.writeUrgeLetter(sessionId: session, text: text, utcOffsetSeconds: offset) }
    }

    /// Ends the session and logs the urge at the time it started.
    public func endUrge(session: String, end: UrgeEnd) throws -> Logged {
        var end = end
        end.utcOffsetSeconds = utcOffsetNow
        return try call { [end] in try $0.endUrgeSession(sessionId: session, end: end) }
    }
}

/// The log: the timeline, an entry's versions, amendments and deletions.
extension VaultSession {
    public func events(_ query: EventQuery) throws -> EventPage {
        try call { try $0.listEvents(query: query) }
    }

    public func event(id: String) throws -> Event {
        try call { try $0.getEvent(id: id) }
    }

    /// Every version of an entry, oldest first.
    public func history(id: String) throws -> [Event] {
        try call { try $0.eventHistory(id: id) }
    }

    /// Appends an amendment with a new body, at the original's instant and
    /// offset; the earlier version stays in the history.
    public func amend(_ original: Event, body: EventBody) throws -> Event {
        let entry = NewEvent(at: original.at, utcOffsetSeconds: original.utcOffsetSeconds, body: body)
        return try call { try $0.amendEvent(id: original.id, event: entry) }
    }

    /// Deletes an entry; a redaction mark stays in the chain.
    public func delete(id: String) throws {
        try call { try $0.deleteEvent(id: id) }
    }
}

/// Reminders, for the platform's notification scheduler.
extension VaultSession {
    /// The next `count` reminders in the person's zone, with the core's
    /// neutral title and body (its discretion level decides them).
    public func upcomingReminders(count: UInt32) throws -> [Reminder] {
        try call { try $0.upcomingReminders(zone: zone.identifier, count: count) }
    }
}

extension VaultSession {
    public func reminderSettings() throws -> ReminderSettings {
        try call { try $0.reminderSettings() }
    }

    public func setReminderSettings(_ settings: ReminderSettings) throws -> ReminderSettings {
        try call { try $0.setReminderSettings(settings: settings) }
    }
}
