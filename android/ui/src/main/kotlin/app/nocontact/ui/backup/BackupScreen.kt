package app.nocontact.ui.backup

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.Pick
import app.nocontact.ui.components.PickRow
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.firstrun.SecretField
import app.nocontact.ui.strings.str
import java.time.LocalDateTime
import java.time.ZoneId
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException
import java.util.Locale

class BackupActions(
    val onMode: (BackupMode) -> Unit = {},
    val onPassphrase: (String) -> Unit = {},
    val onConfirm: (String) -> Unit = {},
    val onSuggest: () -> Unit = {},
    val onExport: () -> Unit = {},
    val onChoose: (String) -> Unit = {},
    val onRestore: () -> Unit = {},
    val onReplaceNewer: () -> Unit = {},
    val onKeepNewer: () -> Unit = {},
    val onCancel: () -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

/** The backup screen wired to its presenter. */
@Composable
fun BackupPane(p: BackupPresenter, zone: ZoneId, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    BackupScreen(
        state,
        BackupActions(
            onMode = p::mode,
            onPassphrase = p::passphraseChanged,
            onConfirm = p::confirmChanged,
            onSuggest = p::suggest,
            onExport = p::export,
            onChoose = p::choose,
            onRestore = { p.restore(false) },
            onReplaceNewer = { p.restore(true) },
            onKeepNewer = p::keepNewer,
            onCancel = p::cancel,
            onBack = p::back,
            onQuickExit = onQuickExit,
        ),
        zone,
    )
}

private val NAMED = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
private val SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.getDefault())

/** When the backup file [name] was made, in [zone] (its name carries the time in UTC); the name itself if it is not one of ours. */
fun backupWhen(name: String, zone: ZoneId): String = try {
    val stamp = name.removePrefix("backup-").removeSuffix(BackupPresenter.SUFFIX)
    SHOWN.format(LocalDateTime.parse(stamp, NAMED).atZone(ZoneOffset.UTC).withZoneSameInstant(zone))
} catch (e: DateTimeParseException) {
    name
}

@Composable
fun BackupScreen(state: BackupState, actions: BackupActions, zone: ZoneId) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        Heading(str("backup_title"))
        PickRow(null) {
            Pick(str("backup_mode_export"), state.mode == BackupMode.EXPORT, Modifier.testTag("backup_mode_export")) { actions.onMode(BackupMode.EXPORT) }
            Pick(str("backup_mode_restore"), state.mode == BackupMode.RESTORE, Modifier.testTag("backup_mode_restore")) { actions.onMode(BackupMode.RESTORE) }
        }
        state.outcome?.let { Note(str(outcomeKey(it)), Modifier.testTag("backup_outcome")) }
        state.summary?.let { Body(str("backup_summary", it.records.toLong(), it.chainRecords.toLong()), Modifier.testTag("backup_summary")) }
        if (state.running) {
            val label = if (state.total > 0) str("backup_progress", state.done, state.total) else str("backup_starting")
            Body(label, Modifier.testTag("backup_progress"))
            LinearProgressIndicator(
                progress = { if (state.total > 0) state.done.toFloat() / state.total.toFloat() else 0f },
                modifier = Modifier.fillMaxWidth().semantics { contentDescription = label },
            )
            SecondaryButton(str("backup_cancel"), actions.onCancel, Modifier.testTag("backup_cancel"))
            return@ScreenFrame
        }
        if (state.askReplace) {
            Note(str("backup_would_lose"), Modifier.testTag("backup_would_lose"))
            PrimaryButton(str("backup_keep_newer"), actions.onKeepNewer, modifier = Modifier.testTag("backup_keep_newer"))
            SecondaryButton(str("backup_replace_newer"), actions.onReplaceNewer, Modifier.testTag("backup_replace_newer"))
            return@ScreenFrame
        }
        when (state.mode) {
            BackupMode.EXPORT -> {
                Body(str("backup_export_explain"))
                SecretField(state.passphrase, actions.onPassphrase, str("backup_passphrase"), "backup_passphrase")
                SecretField(state.confirm, actions.onConfirm, str("backup_passphrase_again"), "backup_confirm")
                SecondaryButton(str("backup_suggest"), actions.onSuggest, Modifier.testTag("backup_suggest"))
                state.suggested?.let { Note(str("backup_suggested", it), Modifier.testTag("backup_suggested")) }
                PrimaryButton(str("backup_export"), actions.onExport, enabled = state.passphrase.isNotEmpty(), modifier = Modifier.testTag("backup_export"))
            }
            BackupMode.RESTORE -> {
                Body(str("backup_restore_explain"))
                if (state.backups.isEmpty()) {
                    Note(str("backup_none"))
                } else {
                    PickRow(str("backup_choose")) {
                        state.backups.forEach { name -> Pick(backupWhen(name, zone), state.chosen == name, Modifier.testTag("backup_file_$name")) { actions.onChoose(name) } }
                    }
                    SecretField(state.passphrase, actions.onPassphrase, str("backup_passphrase"), "backup_passphrase")
                    PrimaryButton(str("backup_restore"), actions.onRestore, enabled = state.passphrase.isNotEmpty() && state.chosen != null, modifier = Modifier.testTag("backup_restore"))
                }
            }
        }
        SecondaryButton(str("backup_back"), actions.onBack, Modifier.testTag("backup_back"))
    }
}

private fun outcomeKey(o: BackupOutcome) = when (o) {
    BackupOutcome.SAVED -> "backup_saved"
    BackupOutcome.RESTORED -> "backup_restored"
    BackupOutcome.CANCELLED -> "backup_cancelled"
    BackupOutcome.WEAK_PASSPHRASE -> "backup_weak"
    BackupOutcome.MISMATCH -> "backup_mismatch"
    BackupOutcome.WRONG_PASSPHRASE -> "backup_wrong_passphrase"
    BackupOutcome.DAMAGED -> "backup_damaged"
    BackupOutcome.NO_BACKUP -> "backup_none"
    BackupOutcome.PROBLEM -> "backup_problem"
}
