package app.nocontact.ui.app

import app.nocontact.client.DeviceKeyStore
import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.client.VaultThread
import app.nocontact.ui.firstrun.FirstRunPresenter
import app.nocontact.core.SupportContact
import app.nocontact.ui.home.HomePresenter
import app.nocontact.ui.home.Saved
import app.nocontact.ui.evidence.EvidencePresenter
import app.nocontact.ui.insights.InsightsPresenter
import app.nocontact.ui.log.LogPresenter
import app.nocontact.ui.people.PeoplePresenter
import app.nocontact.ui.entry.EntryPresenter
import app.nocontact.ui.backup.BackupPresenter
import app.nocontact.ui.reminders.RemindersPresenter
import app.nocontact.core.Event
import app.nocontact.core.EventKind
import app.nocontact.ui.plan.SafetyPlanPresenter
import app.nocontact.ui.reflect.ReflectPresenter
import app.nocontact.ui.settings.SettingsPresenter
import app.nocontact.ui.urge.UrgePresenter
import app.nocontact.ui.unlock.UnlockPresenter
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import java.io.File
import java.time.ZoneId

/** Where the app is: one screen at a time, each with its presenter. */
sealed interface Route {
    data object Starting : Route
    data class FirstRun(val presenter: FirstRunPresenter) : Route
    data class Unlock(val presenter: UnlockPresenter) : Route
    data class Home(val presenter: HomePresenter) : Route
    data class Urge(val presenter: UrgePresenter) : Route
    data class Log(val presenter: LogPresenter) : Route
    data class SafetyPlan(val presenter: SafetyPlanPresenter) : Route
    data class Settings(val presenter: SettingsPresenter) : Route
    data class People(val presenter: PeoplePresenter) : Route
    data class Entry(val presenter: EntryPresenter) : Route
    data class Backup(val presenter: BackupPresenter) : Route
    data class Reminders(val presenter: RemindersPresenter) : Route

    /** After the quick exit: locked, and the platform leaves the app. */
    data object Left : Route

    /** The file could not be opened (not a vault, a newer version, storage). */
    data object Unavailable : Route

    // Reflect, insights, evidence (APPS.md §2.8, §2.11, §2.12).
    data class Reflect(val presenter: ReflectPresenter) : Route
    data class Insights(val presenter: InsightsPresenter) : Route
    data class Evidence(val presenter: EvidencePresenter) : Route
}

/**
 * The app's navigation: first run when there is no vault file, else unlock,
 * then home. The quick exit on every screen locks at once and leaves.
 */
class AppPresenter(
    private val scope: CoroutineScope,
    private val thread: VaultThread,
    private val path: String,
    private val keys: DeviceKeyStore,
    private val zone: ZoneId,
    private val kdfIterations: UInt? = null,
    private val pickGroup: (Int) -> Int = { (0 until it).random() },
    private val tick: suspend () -> Unit = { delay(1000) },
    /** The platform leaves the app (Android: finishAndRemoveTask). */
    private val onLeave: () -> Unit = {},
    /** The platform opens its dialer or messages for a support contact. */
    private val onReach: (SupportContact) -> Unit = {},
    /** Where backups are written and looked for (the platform shares them out and copies a picked one in). */
    private val backupFolder: File = File(path).absoluteFile.resolveSibling("backups"),
    /** The platform schedules the core's upcoming reminders as notifications. */
    private val onSchedule: (List<app.nocontact.core.Reminder>) -> Unit = {},
) {
    private val mutable = MutableStateFlow<Route>(Route.Starting)
    val route: StateFlow<Route> = mutable.asStateFlow()
    private var client: VaultClient? = null

    fun start() {
        if (!File(path).exists()) {
            val presenter = FirstRunPresenter(scope, thread, path, keys, zone, kdfIterations, pickGroup) { made ->
                client = made
                goHome(made)
            }
            mutable.value = Route.FirstRun(presenter)
            return
        }
        scope.launch {
            when (val opened = VaultClient.open(thread, path, zone)) {
                is Outcome.Ok -> {
                    client = opened.value
                    showUnlock(opened.value)
                }
                is Outcome.Err -> mutable.value = Route.Unavailable
            }
        }
    }

    private fun showUnlock(c: VaultClient) {
        val presenter = UnlockPresenter(scope, c, keys, tick) { goHome(c) }
        mutable.value = Route.Unlock(presenter)
        presenter.start()
    }

    private fun goHome(c: VaultClient, saved: Saved? = null) {
        val home = HomePresenter(scope, c, saved) { intensity, person -> openUrge(c, intensity, person) }
        mutable.value = Route.Home(home)
        home.start()
    }

    private fun openUrge(c: VaultClient, intensity: Int, personId: String?) {
        val urge = UrgePresenter(scope, c, intensity, personId, tick, onReach) { logged ->
            goHome(c, if (logged) Saved.URGE else null)
        }
        mutable.value = Route.Urge(urge)
        urge.start()
    }

    /** Opens the log from home. */
    fun openLog() {
        val c = client ?: return
        val log = LogPresenter(scope, c, onEditAll = ::amendEntry) { goHome(c) }
        mutable.value = Route.Log(log)
        log.start()
    }

    /** The log with entry [id] open; [amended] says it was just corrected. */
    private fun openLogAt(id: String, amended: Boolean) {
        val c = client ?: return
        val log = LogPresenter(scope, c, onEditAll = ::amendEntry) { goHome(c) }
        mutable.value = Route.Log(log)
        log.start()
        if (amended) log.showAmended(id) else log.open(id)
    }

    /** Backup and restore, from settings. */
    fun openBackup() {
        val c = client ?: return
        val backup = BackupPresenter(scope, c, backupFolder) { openSettings() }
        mutable.value = Route.Backup(backup)
        backup.start()
    }

    /** Reminders (times, discretion, the upcoming ones), from settings. */
    fun openReminders() {
        val c = client ?: return
        val reminders = RemindersPresenter(scope, c, onSchedule) { openSettings() }
        mutable.value = Route.Reminders(reminders)
        reminders.start()
    }

    /** A new full entry (quick log's "add details"): saved, home says so. */
    fun openEntry(kind: EventKind, personId: String?) {
        val c = client ?: return
        val entry = EntryPresenter(scope, c, kind, personId, onSaved = { e -> goHome(c, savedOf(e.kind)) }) { goHome(c) }
        mutable.value = Route.Entry(entry)
        entry.start()
    }

    /** Corrects [event] with every field (from the log): an amendment, then back to it in the log. */
    fun amendEntry(event: Event) {
        val c = client ?: return
        val entry = EntryPresenter(scope, c, event.kind, amending = event, onSaved = { e -> openLogAt(e.id, amended = true) }) { openLogAt(event.id, amended = false) }
        mutable.value = Route.Entry(entry)
        entry.start()
    }

    private fun savedOf(kind: EventKind) = when (kind) {
        EventKind.THEIR_ATTEMPT -> Saved.ATTEMPT
        EventKind.URGE -> Saved.URGE
        EventKind.CHECK_IN -> Saved.CHECK_IN
        EventKind.MY_CONTACT -> Saved.ENTRY
    }

    /** Opens the safety plan from home. */
    fun openPlan() {
        val c = client ?: return
        val plan = SafetyPlanPresenter(scope, c, onReach) { goHome(c) }
        mutable.value = Route.SafetyPlan(plan)
        plan.start()
    }

    /** Opens the settings from home; after an erase, the first run. */
    fun openSettings() {
        val c = client ?: return
        val settings = SettingsPresenter(scope, c, keys, onErased = {
            client = null
            c.close()
            start()
        }) { goHome(c) }
        mutable.value = Route.Settings(settings)
        settings.start()
    }

    /** Opens people, boundaries and triggers (from settings; from quick log when there is nobody yet, straight into adding one). */
    fun openPeople(addFirst: Boolean = false, back: () -> Unit = { client?.let { goHome(it) } }) {
        val c = client ?: return
        val people = PeoplePresenter(scope, c, addFirst) { back() }
        mutable.value = Route.People(people)
        people.start()
    }

    /** Locks now (the app went to the background or the idle timeout passed) and shows the unlock screen. */
    fun lockNow() {
        val c = client ?: return
        scope.launch {
            c.lock()
            showUnlock(c)
        }
    }

    /** Locks at once and leaves. */
    fun quickExit() {
        mutable.value = Route.Left
        val c = client
        scope.launch {
            c?.lock()
            onLeave()
        }
    }

    /** The open vault, for tests and the platform glue. */
    fun clientOrNull(): VaultClient? = client

    // Reflect, insights, evidence (APPS.md §2.8, §2.11, §2.12).

    /** Opens Reflect from home (its navigation, or "More" in the Write action). */
    fun openReflect() {
        val c = client ?: return
        val reflect = ReflectPresenter(scope, c) { goHome(c) }
        mutable.value = Route.Reflect(reflect)
        reflect.start()
    }

    /** Opens Insights from home. */
    fun openInsights() {
        val c = client ?: return
        val insights = InsightsPresenter(scope, c) { goHome(c) }
        mutable.value = Route.Insights(insights)
        insights.start()
    }

    /** Where evidence exports are written: the app's own folder (Android: under its files or cache dir). */
    var exportsDir: File = File(File(path).absoluteFile.parentFile, "exports")

    /** The platform's share sheet for an evidence export folder. */
    var onShareEvidence: (File) -> Unit = {}

    /** The platform's clipboard, for the checkpoint code. */
    var onCopy: (String) -> Unit = {}

    /** Told of each step of an evidence export, on the vault thread. */
    var onExportProgress: (ULong, ULong) -> Unit = { _, _ -> }

    /** The platform's share sheet for a short text (the checkpoint code). */
    var onShareText: (String) -> Unit = {}

    /** Opens Evidence from home. */
    fun openEvidence() {
        val c = client ?: return
        val evidence = EvidencePresenter(scope, c, exportsDir, onShareEvidence, onCopy, onExportProgress, onBack = { goHome(c) }, onShareText = onShareText)
        mutable.value = Route.Evidence(evidence)
        evidence.start()
    }
}
