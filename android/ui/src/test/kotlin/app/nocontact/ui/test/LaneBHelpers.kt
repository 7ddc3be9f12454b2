// Helpers shared by lane B's flow tests (people, log filters, full entries,
// backup, reminders): a prepared vault, a look at what it holds, home unlocked.
package app.nocontact.ui.test

import androidx.compose.ui.test.DesktopComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import app.nocontact.client.FLOOR
import app.nocontact.client.PASSCODE
import app.nocontact.client.UTC
import app.nocontact.client.VaultClient
import app.nocontact.client.VaultThread
import app.nocontact.client.fail
import app.nocontact.client.ok
import app.nocontact.core.Secret
import app.nocontact.core.VaultSetup
import kotlinx.coroutines.runBlocking

/** Makes the vault of [a] with its device key; [more] runs unlocked (people, entries); then locks it. */
fun prepareLockedVault(a: AppUnderTest, more: suspend (VaultClient) -> Unit = {}) = runBlocking {
    VaultThread().use { thread ->
        val key = a.keys.getOrCreate()
        val made = VaultClient.create(thread, a.path, VaultSetup(PASSCODE, key, true, FLOOR), UTC).ok("create")
        made.client.use { c -> more(c) }
    }
}

/** What the vault of [a] holds, read by an object of its own (the app's is locked first). */
fun <T> holds(a: AppUnderTest, block: suspend (VaultClient) -> T): T = runBlocking {
    a.app.clientOrNull()?.lock()
    VaultThread().use { thread ->
        VaultClient.open(thread, a.path, UTC).ok("open").use { c ->
            c.unlock(Secret.PasscodeAndDeviceKey(PASSCODE, a.keys.existing() ?: fail("no device key"))).ok("unlock")
            block(c)
        }
    }
}

/** Shows the app, unlocks it with the passcode and waits for home. */
@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.unlockToHome(a: AppUnderTest) {
    showApp(a)
    waitForText(s("unlock_title"))
    type("passcode", PASSCODE)
    tap(s("unlock_button"))
    waitForText(s("home_action_reached_out"))
}

// tapTag (scroll to a tagged node and tap it) is LaneAHarness.kt's.
