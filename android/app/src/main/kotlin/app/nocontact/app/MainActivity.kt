package app.nocontact.app

import android.Manifest
import android.os.Build
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.lifecycle.lifecycleScope
import app.nocontact.client.Outcome
import app.nocontact.ui.app.AppPresenter
import app.nocontact.ui.app.NoContactApp
import app.nocontact.ui.theme.NoContactTheme
import kotlinx.coroutines.launch
import java.time.ZoneId

/**
 * The one activity: the Compose UI of android/ui over the vault in
 * [VaultLocation], with `FLAG_SECURE`, the Keystore device key, and the lock
 * (after scheduling the reminders) when the app leaves the foreground.
 *
 * The only file of android/app that is not type-checked here: it needs
 * `androidx.activity` and the Android build of Compose, which are Google
 * artifacts (see the README).
 */
class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        AppWindow.secure(this)
        val app = application as NoContactApplication
        val zone = ZoneId.systemDefault()
        val presenter = AppPresenter(
            scope = lifecycleScope,
            thread = app.vaultThread,
            path = VaultLocation.vault(this).path,
            keys = KeystoreDeviceKeyStore(this),
            zone = zone,
            onLeave = { finishAndRemoveTask() },
            onReach = { contact -> AppWindow.reach(contact)?.let(::startActivity) },
            onSchedule = { upcoming -> Reminders.schedule(this, upcoming) },
        )
        // Exports go where the share sheet's provider serves them from,
        // emptied before each new one.
        presenter.exportsDir = VaultLocation.shared(this).also { shared -> shared.deleteRecursively() }
        presenter.onShareEvidence = { folder ->
            startActivity(ExportProvider.shareIntent(this, folder, getString(R.string.share_export)))
        }
        presenter.onCopy = { text -> Sharing.copy(this, text) }
        presenter.onShareText = { text -> startActivity(Sharing.shareText(this, text, getString(R.string.share_export))) }
        app.onBackground = {
            lifecycleScope.launch {
                val client = presenter.clientOrNull()
                val upcoming = client?.call { it.upcomingReminders(zone.id, Reminders.AHEAD.toUInt()) }
                if (upcoming is Outcome.Ok) Reminders.schedule(this@MainActivity, upcoming.value)
            }
            presenter.lockNow()
        }
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            requestPermissions(arrayOf(Manifest.permission.POST_NOTIFICATIONS), 0)
        }
        presenter.start()
        setContent { NoContactTheme(dark = isSystemInDarkTheme()) { NoContactApp(presenter, zone) } }
    }
}
