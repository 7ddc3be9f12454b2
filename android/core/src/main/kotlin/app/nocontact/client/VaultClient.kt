package app.nocontact.client

import app.nocontact.core.AccessEvent
import app.nocontact.core.Channel
import app.nocontact.core.CheckIn
import app.nocontact.core.EventBody
import app.nocontact.core.NewEvent
import app.nocontact.core.NewReflection
import app.nocontact.core.Reflection
import app.nocontact.core.ReflectionBody
import app.nocontact.core.ReflectionKind
import app.nocontact.core.Event
import app.nocontact.core.EventKind
import app.nocontact.core.EventPage
import app.nocontact.core.EventQuery
import app.nocontact.core.HomeSummary
import app.nocontact.core.LockState
import app.nocontact.core.QuickEntry
import app.nocontact.core.RiskyDate
import app.nocontact.core.Secret
import app.nocontact.core.UrgeOutcome
import app.nocontact.core.Vault
import app.nocontact.core.VaultSetup
import app.nocontact.core.createVault
import app.nocontact.core.BackupSummary
import app.nocontact.core.Boundary
import app.nocontact.core.BoundaryInput
import app.nocontact.core.BoundaryProgress
import app.nocontact.core.BoundaryStatus
import app.nocontact.core.Person
import app.nocontact.core.PersonInput
import app.nocontact.core.ProgressListener
import app.nocontact.core.Reminder
import app.nocontact.core.ReminderSettings
import app.nocontact.core.StreakReport
import app.nocontact.core.Trigger
import app.nocontact.core.TriggerInput
import app.nocontact.core.generateBackupPassphrase
import java.time.Instant
import java.time.ZoneId

/** A vault just created, unlocked, with the recovery code to show once. */
class CreatedClient(val client: VaultClient, val recoveryCode: String)

/**
 * The open vault the app holds: every call is a `suspend` function run on the
 * [VaultThread], and returns an [Outcome]. Closing it locks the vault and
 * frees the native object.
 *
 * The typed functions are the ones the screens use; [call] reaches any other
 * method of the generated [Vault] the same way.
 */
class VaultClient private constructor(
    private val vault: Vault,
    private val thread: VaultThread,
    /** The phone's time zone, for the home summary and the offsets of new entries. */
    val zone: ZoneId,
) : AutoCloseable {
    init {
        thread.bootClock?.let { vault.setBootClock(it) }
    }

    /** Runs [block] with the vault on the vault thread. */
    suspend fun <T> call(block: (Vault) -> T): Outcome<T> = thread.run { block(vault) }

    suspend fun unlock(secret: Secret): Outcome<Unit> = call { it.unlock(secret) }

    suspend fun lock(): Outcome<Unit> = call { it.lock() }

    suspend fun isUnlocked(): Outcome<Boolean> = call { it.isUnlocked() }

    suspend fun lockState(): Outcome<LockState> = call { it.lockState() }

    suspend fun accessLog(): Outcome<List<AccessEvent>> = call { it.accessLog() }

    suspend fun acknowledgeAccessLog(): Outcome<Unit> = call { it.acknowledgeAccessLog() }

    suspend fun summary(): Outcome<HomeSummary> = call { it.summary(zone.id) }

    suspend fun riskyDates(horizonDays: UInt): Outcome<List<RiskyDate>> = call { it.riskyDates(zone.id, horizonDays) }

    suspend fun quickLogAttempt(personId: String, channel: Channel): Outcome<Event> =
        call { it.quickLogAttempt(personId, channel, offsetNow()) }

    suspend fun quickLogUrge(intensity: UByte, outcome: UrgeOutcome): Outcome<Event> =
        call { it.quickLogUrge(intensity, outcome, offsetNow()) }

    suspend fun logCheckIn(mood: UByte, energy: UByte? = null, note: String = ""): Outcome<Event> =
        call { it.logEvent(NewEvent(null, offsetNow(), EventBody.CheckIn(CheckIn(mood, energy, note, emptyList())))).event }

    /** A journal entry, answering [promptId] when given. */
    suspend fun writeJournal(text: String, promptId: String?): Outcome<Reflection> = call {
        it.addReflection(NewReflection(null, offsetNow(), ReflectionBody(ReflectionKind.Journal(promptId), "", text, emptyList(), null)))
    }

    /** A page of the timeline, newest first: [kinds] (all when empty), from [offset], at most [limit]. */
    suspend fun listEvents(kinds: List<EventKind>, offset: UInt, limit: UInt): Outcome<EventPage> =
        call { it.listEvents(EventQuery(kinds, null, null, null, offset, limit)) }

    /** A page of the timeline about [personId] (everyone when null), at or after [from] and before [until] (open when null). */
    suspend fun listEvents(kinds: List<EventKind>, personId: String?, from: Instant?, until: Instant?, offset: UInt, limit: UInt): Outcome<EventPage> =
        call { it.listEvents(EventQuery(kinds, personId, from, until, offset, limit)) }

    suspend fun getEvent(id: String): Outcome<Event> = call { it.getEvent(id) }

    /** Every version of an event, oldest first. */
    suspend fun eventHistory(id: String): Outcome<List<Event>> = call { it.eventHistory(id) }

    /** A corrected version of [event] with [body]; the earlier versions stay. Keeps its time and offset. */
    suspend fun amendEvent(event: Event, body: EventBody): Outcome<Event> =
        call { it.amendEvent(event.id, NewEvent(event.at, event.utcOffsetSeconds, body)) }

    /** Deletes an event; a redaction mark stays in the log. */
    suspend fun deleteEvent(id: String): Outcome<Unit> = call { it.deleteEvent(id) }

    suspend fun logWhileLocked(entry: QuickEntry): Outcome<Unit> = call { it.logWhileLocked(entry, offsetNow()) }

    // People, boundaries and triggers [`*_person`, `*_boundary`, `*_trigger`, `streaks`].

    suspend fun listPeople(includeArchived: Boolean): Outcome<List<Person>> = call { it.listPeople(includeArchived) }

    suspend fun addPerson(input: PersonInput): Outcome<Person> = call { it.addPerson(input) }

    suspend fun updatePerson(id: String, input: PersonInput): Outcome<Person> = call { it.updatePerson(id, input) }

    suspend fun setPersonArchived(id: String, archived: Boolean): Outcome<Person> = call { it.setPersonArchived(id, archived) }

    /** Every boundary, of every person and status, newest first. */
    suspend fun listBoundaries(): Outcome<List<Boundary>> = call { it.listBoundaries(null, emptyList()) }

    suspend fun addBoundary(input: BoundaryInput): Outcome<Boundary> = call { it.addBoundary(input) }

    suspend fun updateBoundary(id: String, input: BoundaryInput): Outcome<Boundary> = call { it.updateBoundary(id, input) }

    suspend fun setBoundaryStatus(id: String, status: BoundaryStatus): Outcome<Boundary> = call { it.setBoundaryStatus(id, status) }

    suspend fun listTriggers(includeArchived: Boolean): Outcome<List<Trigger>> = call { it.listTriggers(includeArchived) }

    suspend fun addTrigger(input: TriggerInput): Outcome<Trigger> = call { it.addTrigger(input) }

    suspend fun updateTrigger(id: String, input: TriggerInput): Outcome<Trigger> = call { it.updateTrigger(id, input) }

    suspend fun setTriggerArchived(id: String, archived: Boolean): Outcome<Trigger> = call { it.setTriggerArchived(id, archived) }

    /** Streaks overall and per person, today in [zone]. */
    suspend fun streaks(): Outcome<StreakReport> = call { it.streaks(zone.id) }

    /** How each boundary is holding (days kept, crossings), from the core's insights over [weeks] weeks. */
    suspend fun boundaryProgress(weeks: UInt = 1u): Outcome<List<BoundaryProgress>> = call { it.insights(zone.id, weeks, null).boundaries }

    // Full entries [`log_event`, `amend_event`].

    /** Logs a full entry at [at] (now when null) with the zone's offset at that time. */
    suspend fun logEvent(body: EventBody, at: Instant? = null): Outcome<Event> =
        call { it.logEvent(NewEvent(at, zone.rules.getOffset(at ?: Instant.now()).totalSeconds, body)).event }

    // Backup and restore [`export_backup`, `restore_backup`, `generate_backup_passphrase`].

    /** A passphrase that reaches the core's floor for backups. */
    suspend fun suggestBackupPassphrase(): Outcome<String> = call { generateBackupPassphrase() }

    /** Writes a backup to [path]; [progress] hears every step and returning false cancels (`Cancelled`, no file left). */
    suspend fun exportBackup(path: String, passphrase: String, progress: ProgressListener?): Outcome<BackupSummary> =
        call { it.exportBackup(path, passphrase, progress) }

    /** Replaces this vault's content with the backup at [path]; `WouldLoseEntries` unless [replaceNewer]. */
    suspend fun restoreBackup(path: String, passphrase: String, replaceNewer: Boolean, progress: ProgressListener?): Outcome<BackupSummary> =
        call { it.restoreBackup(path, passphrase, replaceNewer, progress) }

    // Reminders [`reminder_settings`, `set_reminder_settings`, `upcoming_reminders`].

    suspend fun reminderSettings(): Outcome<ReminderSettings> = call { it.reminderSettings() }

    suspend fun setReminderSettings(settings: ReminderSettings): Outcome<ReminderSettings> = call { it.setReminderSettings(settings) }

    /** The next [count] reminders in [zone], with the core's text at the chosen discretion. */
    suspend fun upcomingReminders(count: UInt): Outcome<List<Reminder>> = call { it.upcomingReminders(zone.id, count) }

    /** The UTC offset of [zone] now, in seconds, as the core records it beside each entry. */
    fun offsetNow(): Int = zone.rules.getOffset(Instant.now()).totalSeconds

    /** Locks and frees the native vault; the [VaultThread] stays the caller's. */
    override fun close() {
        // An erased vault has nothing left to lock.
        try {
            vault.lock()
        } catch (e: app.nocontact.core.VaultException) {
            // Erased (or already locked): nothing to do.
        }
        vault.close()
    }

    companion object {
        /** Creates a vault file at [path] (which must not exist), unlocked. */
        suspend fun create(thread: VaultThread, path: String, setup: VaultSetup, zone: ZoneId): Outcome<CreatedClient> =
            thread.run {
                val created = createVault(path, setup)
                CreatedClient(VaultClient(created.vault, thread, zone), created.recoveryCode)
            }

        /** Opens the vault file at [path], locked. */
        suspend fun open(thread: VaultThread, path: String, zone: ZoneId): Outcome<VaultClient> =
            thread.run { VaultClient(Vault.open(path), thread, zone) }
    }
}
