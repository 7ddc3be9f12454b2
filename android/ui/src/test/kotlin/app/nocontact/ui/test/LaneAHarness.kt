// Helpers for the Reflect, Insights and Evidence flow tests: a vault made
// before the app opens it, the app unlocked to home, and the vault read
// afterwards with the app's own object locked first.
package app.nocontact.ui.test

import androidx.compose.ui.test.DesktopComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SemanticsNodeInteraction
import androidx.compose.ui.test.hasTestTag
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.nocontact.client.FLOOR
import app.nocontact.client.PASSCODE
import app.nocontact.client.UTC
import app.nocontact.client.VaultClient
import app.nocontact.client.VaultThread
import app.nocontact.client.fail
import app.nocontact.client.ok
import app.nocontact.client.person
import app.nocontact.core.Secret
import app.nocontact.core.VaultSetup
import kotlinx.coroutines.runBlocking

/** Makes the vault of [a] with its device key and a person "Sam" (whose id is returned); [more] runs unlocked. */
fun prepareVault(a: AppUnderTest, more: suspend (VaultClient, String) -> Unit = { _, _ -> }): String = runBlocking {
    VaultThread().use { thread ->
        val key = a.keys.getOrCreate()
        val made = VaultClient.create(thread, a.path, VaultSetup(PASSCODE, key, true, FLOOR), UTC).ok("create")
        made.client.use { c ->
            val sam = c.call { it.addPerson(person("Sam")) }.ok("addPerson").id
            more(c, sam)
            sam
        }
    }
}

/** Opens the vault of [a] on its own, unlocked, to check what it holds. */
fun <T> inspectVault(a: AppUnderTest, block: suspend (VaultClient) -> T): T = runBlocking {
    // One object holds the vault unlocked at a time (OpenElsewhere): the app's is locked first.
    a.app.clientOrNull()?.lock()
    VaultThread().use { thread ->
        VaultClient.open(thread, a.path, UTC).ok("open").use { c ->
            c.unlock(Secret.PasscodeAndDeviceKey(PASSCODE, a.keys.existing() ?: fail("no device key"))).ok("unlock")
            block(c)
        }
    }
}

/** Shows the app, unlocks it and waits for home. */
@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.toHome(a: AppUnderTest) {
    showApp(a)
    waitForText(s("unlock_title"))
    type("passcode", PASSCODE)
    tap(s("unlock_button"))
    waitForText(s("home_action_reached_out"))
}

/** Waits (up to 15 s) for the node tagged [tag]. */
@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.waitForTag(tag: String): SemanticsNodeInteraction {
    waitUntil("tag <$tag> shown", 15_000) { onAllNodes(hasTestTag(tag)).fetchSemanticsNodes().isNotEmpty() }
    return onNodeWithTag(tag)
}

@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.waitForNoTag(tag: String) {
    waitUntil("tag <$tag> gone", 15_000) { onAllNodes(hasTestTag(tag)).fetchSemanticsNodes().isEmpty() }
}

/** Scrolls to the node tagged [tag] and taps it. */
@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.tapTag(tag: String) {
    waitForTag(tag).performScrollTo().performClick()
}
