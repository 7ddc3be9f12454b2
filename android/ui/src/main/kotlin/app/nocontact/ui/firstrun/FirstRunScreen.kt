package app.nocontact.ui.firstrun

import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.TouchTarget
import app.nocontact.ui.strings.str

class FirstRunActions(
    val onStart: () -> Unit = {},
    val onPasscode: (String) -> Unit = {},
    val onConfirm: (String) -> Unit = {},
    val onBiometrics: (Boolean) -> Unit = {},
    val onCreate: () -> Unit = {},
    val onTypedGroup: (String) -> Unit = {},
    val onFinish: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

@Composable
fun FirstRunScreen(state: FirstRunState, actions: FirstRunActions) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        when (state.step) {
            FirstRunStep.WELCOME -> Welcome(actions)
            FirstRunStep.PASSCODE -> Passcode(state, actions)
            FirstRunStep.RECOVERY -> Recovery(state, actions)
        }
    }
}

@Composable
private fun Welcome(actions: FirstRunActions) {
    Heading(str("first_run_welcome_title"))
    Body(str("first_run_welcome_body"))
    Body(str("first_run_sends_nothing"))
    Note(str("first_run_watched_phone"))
    PrimaryButton(str("first_run_start"), actions.onStart)
}

@Composable
private fun Passcode(state: FirstRunState, actions: FirstRunActions) {
    Heading(str("first_run_passcode_title"))
    Body(str("first_run_passcode_body"))
    SecretField(state.passcode, actions.onPasscode, str("first_run_passcode_label"), "passcode")
    SecretField(state.confirm, actions.onConfirm, str("first_run_confirm_label"), "confirm")
    state.problem?.let { problem ->
        Note(
            when (problem) {
                FirstRunProblem.MISMATCH -> str("first_run_mismatch")
                FirstRunProblem.PASSCODE_REFUSED -> str("first_run_passcode_refused")
                FirstRunProblem.STORAGE -> str("first_run_storage")
            },
        )
    }
    val biometricsLabel = str("first_run_biometrics")
    // The whole row toggles (one target of at least 48 dp, read as one switch).
    Row(
        verticalAlignment = Alignment.CenterVertically,
        modifier = Modifier
            .fillMaxWidth()
            .heightIn(min = TouchTarget)
            .toggleable(value = state.useBiometrics, role = Role.Switch, onValueChange = actions.onBiometrics)
            .testTag("biometrics"),
    ) {
        Text(
            biometricsLabel,
            style = MaterialTheme.typography.bodyLarge,
            color = MaterialTheme.colorScheme.onBackground,
            modifier = Modifier.weight(1f).padding(end = 12.dp),
        )
        Switch(checked = state.useBiometrics, onCheckedChange = null)
    }
    Body(str("first_run_device_key_note"))
    PrimaryButton(
        if (state.busy) str("first_run_creating") else str("first_run_create"),
        actions.onCreate,
        enabled = state.canCreate,
    )
}

@Composable
private fun Recovery(state: FirstRunState, actions: FirstRunActions) {
    Heading(str("first_run_recovery_title"))
    Body(str("first_run_recovery_body"))
    Surface(
        color = MaterialTheme.colorScheme.primaryContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().testTag("recovery_code"),
    ) {
        Text(
            state.recoveryGroups.joinToString(" "),
            style = MaterialTheme.typography.headlineSmall.copy(fontFamily = FontFamily.Monospace),
            color = MaterialTheme.colorScheme.onPrimaryContainer,
            modifier = Modifier.padding(16.dp),
        )
    }
    Note(str("first_run_recovery_warning"))
    val label = str("first_run_type_group", state.askGroup + 1)
    Body(label)
    OutlinedTextField(
        value = state.typedGroup,
        onValueChange = actions.onTypedGroup,
        label = { Text(str("first_run_group_label", state.askGroup + 1)) },
        singleLine = true,
        modifier = Modifier.fillMaxWidth().testTag("typed_group"),
    )
    if (state.groupMismatch) Note(str("first_run_group_mismatch", state.askGroup + 1))
    PrimaryButton(str("first_run_finish"), actions.onFinish, enabled = state.typedGroup.isNotBlank())
}

@Composable
fun SecretField(value: String, onChange: (String) -> Unit, label: String, tag: String) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        singleLine = true,
        visualTransformation = PasswordVisualTransformation(),
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
        modifier = Modifier.fillMaxWidth().testTag(tag),
    )
}
