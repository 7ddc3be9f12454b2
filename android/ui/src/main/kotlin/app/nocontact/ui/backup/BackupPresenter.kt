package app.nocontact.ui.backup

import app.nocontact.client.CoreError
import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.core.BackupSummary
import app.nocontact.core.ProgressListener
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import java.io.File
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.util.concurrent.atomic.AtomicBoolean

enum class BackupMode { EXPORT, RESTORE }

/** What the last operation came to, without any of the person's words. */
enum class BackupOutcome { SAVED, RESTORED, CANCELLED, WEAK_PASSPHRASE, MISMATCH, WRONG_PASSPHRASE, DAMAGED, NO_BACKUP, PROBLEM }

data class BackupState(
    val mode: BackupMode = BackupMode.EXPORT,
    val passphrase: String = "",
    val confirm: String = "",
    /** A passphrase the core suggested, shown once to be written down. */
    val suggested: String? = null,
    /** The backups found in the folder, newest first (file names). */
    val backups: List<String> = emptyList(),
    val chosen: String? = null,
    val running: Boolean = false,
    /** done / total of the running operation (0 when its size is not known yet). */
    val done: Long = 0,
    val total: Long = 0,
    /** Restoring would drop entries this phone has and the backup lacks: asked before going on. */
    val askReplace: Boolean = false,
    val outcome: BackupOutcome? = null,
    val summary: BackupSummary? = null,
)

/**
 * Backup and restore: a backup passphrase (typed twice, or suggested by the
 * core), the export with progress and cancel; restoring a backup, which asks
 * before it would drop newer entries [`export_backup`, `restore_backup`,
 * `generate_backup_passphrase`, `WouldLoseEntries`].
 *
 * Backups are files in [folder]; on a phone the platform shares them out
 * (share sheet) and copies a picked one in before restoring.
 */
class BackupPresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    private val folder: File,
    /** Told of every progress step on the vault thread (tests hold a step here to tap cancel). */
    private val onStep: (Long, Long) -> Unit = { _, _ -> },
    private val onBack: () -> Unit = {},
) {
    private val mutable = MutableStateFlow(BackupState())
    val state: StateFlow<BackupState> = mutable.asStateFlow()
    private val cancelled = AtomicBoolean(false)

    fun start() = listBackups()

    private fun listBackups() {
        val names = folder.listFiles { f -> f.isFile && f.name.endsWith(SUFFIX) }.orEmpty().sortedByDescending { it.name }.map { it.name }
        mutable.update { s -> s.copy(backups = names, chosen = s.chosen?.takeIf { it in names } ?: names.firstOrNull()) }
    }

    fun mode(m: BackupMode) = mutable.update {
        if (it.running) it else it.copy(mode = m, passphrase = "", confirm = "", suggested = null, askReplace = false, outcome = null, summary = null)
    }

    fun passphraseChanged(v: String) = mutable.update { it.copy(passphrase = v, outcome = null) }

    fun confirmChanged(v: String) = mutable.update { it.copy(confirm = v, outcome = null) }

    fun choose(name: String) = mutable.update { it.copy(chosen = name, askReplace = false, outcome = null) }

    /** Asks the core for a passphrase that reaches its floor, and fills both fields with it. */
    fun suggest() {
        scope.launch {
            when (val p = client.suggestBackupPassphrase()) {
                is Outcome.Ok -> mutable.update { it.copy(passphrase = p.value, confirm = p.value, suggested = p.value, outcome = null) }
                is Outcome.Err -> mutable.update { it.copy(outcome = BackupOutcome.PROBLEM) }
            }
        }
    }

    fun export() {
        val s = mutable.value
        if (s.running || s.passphrase.isEmpty()) return
        if (s.passphrase != s.confirm) return mutable.update { it.copy(outcome = BackupOutcome.MISMATCH, confirm = "") }
        folder.mkdirs()
        val name = "backup-" + STAMP.format(java.time.Instant.now().atZone(ZoneId.of("UTC"))) + SUFFIX
        run { listener -> client.exportBackup(File(folder, name).path, s.passphrase, listener) }
    }

    /** Restores the chosen backup; when it would drop newer entries, asks first ([replaceNewer] then says go on). */
    fun restore(replaceNewer: Boolean = false) {
        val s = mutable.value
        val chosen = s.chosen ?: return mutable.update { it.copy(outcome = BackupOutcome.NO_BACKUP) }
        if (s.running || s.passphrase.isEmpty()) return
        run { listener -> client.restoreBackup(File(folder, chosen).path, s.passphrase, replaceNewer, listener) }
    }

    /** Keeps this phone's entries: the restore is not done. */
    fun keepNewer() = mutable.update { it.copy(askReplace = false, outcome = BackupOutcome.CANCELLED) }

    fun cancel() = cancelled.set(true)

    fun back() {
        if (!mutable.value.running) onBack()
    }

    private fun run(call: suspend (ProgressListener) -> Outcome<BackupSummary>) {
        cancelled.set(false)
        val restoring = mutable.value.mode == BackupMode.RESTORE
        mutable.update { it.copy(running = true, done = 0, total = 0, askReplace = false, outcome = null, summary = null) }
        val listener = object : ProgressListener {
            override fun onProgress(done: ULong, total: ULong): Boolean {
                mutable.update { it.copy(done = done.toLong(), total = total.toLong()) }
                onStep(done.toLong(), total.toLong())
                return !cancelled.get()
            }
        }
        scope.launch {
            val r = call(listener)
            mutable.update {
                when (r) {
                    is Outcome.Ok -> it.copy(
                        running = false,
                        summary = r.value,
                        outcome = if (restoring) BackupOutcome.RESTORED else BackupOutcome.SAVED,
                        passphrase = "",
                        confirm = "",
                        suggested = null,
                    )
                    is Outcome.Err -> when (r.error) {
                        CoreError.WouldLoseEntries -> it.copy(running = false, askReplace = true)
                        else -> it.copy(running = false, outcome = outcomeOf(r.error))
                    }
                }
            }
            listBackups()
        }
    }

    private fun outcomeOf(e: CoreError) = when (e) {
        CoreError.Cancelled -> BackupOutcome.CANCELLED
        is CoreError.InvalidInput -> BackupOutcome.WEAK_PASSPHRASE
        CoreError.WrongSecret -> BackupOutcome.WRONG_PASSPHRASE
        CoreError.Corrupt, CoreError.UnsupportedVersion -> BackupOutcome.DAMAGED
        CoreError.NotFound -> BackupOutcome.NO_BACKUP
        else -> BackupOutcome.PROBLEM
    }

    companion object {
        const val SUFFIX = ".ncbackup"
        private val STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
    }
}
