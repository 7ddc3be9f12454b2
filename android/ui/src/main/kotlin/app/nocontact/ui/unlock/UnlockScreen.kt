package app.nocontact.ui.unlock

import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.firstrun.SecretField
import app.nocontact.ui.strings.str

class UnlockActions(
    val onPasscode: (String) -> Unit = {},
    val onUnlock: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

/** Minutes and seconds, `m:ss`. */
fun clock(seconds: Long): String = "%d:%02d".format(seconds / 60, seconds % 60)

@Composable
fun UnlockScreen(state: UnlockState, actions: UnlockActions) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        Heading(str("unlock_title"))
        Body(str("unlock_body"))
        SecretField(state.passcode, actions.onPasscode, str("unlock_passcode_label"), "passcode")
        val message = when (state.message) {
            UnlockMessage.WRONG -> str("unlock_wrong")
            UnlockMessage.WAIT -> str("unlock_wait", clock(state.waitSeconds))
            UnlockMessage.ERASED -> str("unlock_erased")
            UnlockMessage.OPEN_ELSEWHERE -> str("unlock_open_elsewhere")
            UnlockMessage.PROBLEM -> str("unlock_problem")
            null -> null
        }
        message?.let { Note(it, Modifier.testTag("unlock_message")) }
        PrimaryButton(
            if (state.busy) str("unlock_opening") else str("unlock_button"),
            actions.onUnlock,
            enabled = state.canUnlock,
            modifier = Modifier.testTag("unlock_button"),
        )
    }
}
