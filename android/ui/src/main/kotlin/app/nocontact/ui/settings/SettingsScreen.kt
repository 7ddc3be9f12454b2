package app.nocontact.ui.settings

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.Checkbox
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.nocontact.ui.components.Pick
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.TouchTarget
import app.nocontact.ui.firstrun.SecretField
import app.nocontact.ui.strings.str

class SettingsActions(
    val onOpen: (SettingsPage) -> Unit = {},
    val onList: () -> Unit = {},
    val onPasscode: (String) -> Unit = {},
    val onConfirm: (String) -> Unit = {},
    val onChangePasscode: () -> Unit = {},
    val onSetDuress: () -> Unit = {},
    val onRemoveDuress: () -> Unit = {},
    val onIdle: (UInt) -> Unit = {},
    val onEraseAfter: (UInt?) -> Unit = {},
    val onAcceptLoss: (Boolean) -> Unit = {},
    val onSaveLock: () -> Unit = {},
    val onTyped: (String) -> Unit = {},
    val onErase: (String) -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
    val onPeople: () -> Unit = {},
    val onBackup: () -> Unit = {},
    val onReminders: () -> Unit = {},
)

@Composable
fun SettingsScreen(state: SettingsState, actions: SettingsActions) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        state.notice?.let { Note(str(noticeKey(it)), Modifier.testTag("settings_notice")) }
        when (state.page) {
            SettingsPage.LIST -> {
                Heading(str("settings_title"))
                SecondaryButton(str("settings_passcode"), { actions.onOpen(SettingsPage.PASSCODE) }, Modifier.testTag("settings_passcode"))
                SecondaryButton(str("settings_duress"), { actions.onOpen(SettingsPage.DURESS) }, Modifier.testTag("settings_duress"))
                SecondaryButton(str("settings_lock"), { actions.onOpen(SettingsPage.LOCK) }, Modifier.testTag("settings_lock"))
                SecondaryButton(str("settings_protected"), { actions.onOpen(SettingsPage.PROTECTED) }, Modifier.testTag("settings_protected"))
                SecondaryButton(str("settings_erase"), { actions.onOpen(SettingsPage.ERASE) }, Modifier.testTag("settings_erase"))
                SecondaryButton(str("settings_people"), actions.onPeople, Modifier.testTag("settings_people"))
                SecondaryButton(str("settings_backup"), actions.onBackup, Modifier.testTag("settings_backup"))
                SecondaryButton(str("settings_reminders"), actions.onReminders, Modifier.testTag("settings_reminders"))
                SecondaryButton(str("log_back"), actions.onBack, Modifier.testTag("settings_back"))
            }
            SettingsPage.PASSCODE -> {
                Heading(str("settings_passcode"))
                Body(str("settings_passcode_body"))
                Passcodes(state, actions)
                PrimaryButton(str("settings_passcode_save"), actions.onChangePasscode, enabled = !state.busy && state.passcode.isNotEmpty(), modifier = Modifier.testTag("settings_save"))
                SecondaryButton(str("common_cancel"), actions.onList)
            }
            SettingsPage.DURESS -> {
                Heading(str("settings_duress"))
                Body(str("settings_duress_does"))
                Note(str("settings_duress_does_not"))
                Body(str(if (state.hasDuress) "settings_duress_on" else "settings_duress_off"), Modifier.testTag("duress_status"))
                Passcodes(state, actions)
                PrimaryButton(str(if (state.hasDuress) "settings_duress_change" else "settings_duress_set"), actions.onSetDuress, enabled = !state.busy && state.passcode.isNotEmpty(), modifier = Modifier.testTag("settings_save"))
                if (state.hasDuress) SecondaryButton(str("settings_duress_remove"), actions.onRemoveDuress, Modifier.testTag("duress_remove"))
                SecondaryButton(str("common_cancel"), actions.onList)
            }
            SettingsPage.LOCK -> LockPage(state, actions)
            SettingsPage.PROTECTED -> {
                Heading(str("settings_protected"))
                Body(str("settings_protected_yes"))
                Note(str("settings_protected_no"))
                SecondaryButton(str("settings_back_to_list"), actions.onList)
            }
            SettingsPage.ERASE -> {
                Heading(str("settings_erase"))
                Note(str("settings_erase_warning"))
                OutlinedTextField(
                    value = state.typed,
                    onValueChange = actions.onTyped,
                    label = { Text(str("settings_erase_type", str("settings_erase_word"))) },
                    singleLine = true,
                    modifier = Modifier.fillMaxWidth().testTag("erase_typed"),
                )
                val word = str("settings_erase_word")
                PrimaryButton(
                    str("settings_erase_button"),
                    { actions.onErase(word) },
                    enabled = !state.busy && typedMatches(state.typed, word),
                    modifier = Modifier.testTag("erase_button"),
                )
                SecondaryButton(str("common_cancel"), actions.onList)
            }
        }
        state.problem?.let { Note(str(problemKey(it)), Modifier.testTag("settings_problem")) }
    }
}

@Composable
private fun Passcodes(state: SettingsState, actions: SettingsActions) {
    SecretField(state.passcode, actions.onPasscode, str("settings_new_passcode"), "settings_new")
    SecretField(state.confirm, actions.onConfirm, str("settings_new_passcode_again"), "settings_confirm")
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun LockPage(state: SettingsState, actions: SettingsActions) {
    Heading(str("settings_lock"))
    Body(str("settings_idle"))
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        IdleChoices.forEach { sec ->
            val label = if (sec == 0u) str("settings_idle_never") else str("settings_idle_minutes", (sec / 60u).toInt())
            Pick(label, state.idleSeconds == sec, Modifier.testTag("idle_$sec")) { actions.onIdle(sec) }
        }
    }
    Body(str("settings_erase_after"))
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        EraseChoices.forEach { n ->
            val label = if (n == null) str("settings_erase_after_off") else str("settings_erase_after_n", n.toInt())
            Pick(label, state.eraseAfter == n, Modifier.testTag("erase_after_${n ?: "off"}")) { actions.onEraseAfter(n) }
        }
    }
    if (state.eraseAfter != null) {
        Note(str("settings_erase_after_warning"))
        Row(
            verticalAlignment = Alignment.CenterVertically,
            modifier = Modifier.fillMaxWidth().heightIn(min = TouchTarget).testTag("accept_loss")
                .toggleable(value = state.acceptLoss, role = Role.Checkbox, onValueChange = actions.onAcceptLoss),
        ) {
            Checkbox(checked = state.acceptLoss, onCheckedChange = null)
            Text(str("settings_accept_loss"), style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onBackground, modifier = Modifier.weight(1f))
        }
    }
    PrimaryButton(str("settings_lock_save"), actions.onSaveLock, enabled = !state.busy, modifier = Modifier.testTag("settings_save"))
    SecondaryButton(str("common_cancel"), actions.onList)
}

private fun noticeKey(n: SettingsNotice) = when (n) {
    SettingsNotice.PASSCODE_CHANGED -> "settings_passcode_changed"
    SettingsNotice.DURESS_SET -> "settings_duress_saved"
    SettingsNotice.DURESS_REMOVED -> "settings_duress_removed"
    SettingsNotice.LOCK_SAVED -> "settings_lock_saved"
}

private fun problemKey(p: SettingsProblem) = when (p) {
    SettingsProblem.MISMATCH -> "first_run_mismatch"
    SettingsProblem.REFUSED -> "settings_refused"
    SettingsProblem.NEEDS_ACCEPT -> "settings_needs_accept"
    SettingsProblem.OTHER -> "settings_problem"
}

