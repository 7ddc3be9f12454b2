// Helpers for the UI tests: a phone-sized Compose UI test over the real app
// and a temporary vault.
package app.nocontact.ui.test

import androidx.compose.ui.semantics.SemanticsNode
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.test.DesktopComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SemanticsNodeInteraction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performTextClearance
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.unit.Density
import app.nocontact.client.DeviceKeyStore
import app.nocontact.client.FLOOR
import app.nocontact.client.InMemoryDeviceKeyStore
import app.nocontact.client.Scratch
import app.nocontact.client.VaultThread
import app.nocontact.ui.app.AppPresenter
import app.nocontact.ui.app.NoContactApp
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlin.coroutines.EmptyCoroutineContext

/** Runs [block] in a phone-sized Compose UI test. */
@OptIn(ExperimentalTestApi::class)
fun phoneTest(fontScale: Float = 1f, block: DesktopComposeUiTest.() -> Unit) {
    val test = DesktopComposeUiTest(PHONE_W, PHONE_H, EmptyCoroutineContext, Density(DENSITY, fontScale))
    test.runTest { test.block() }
}

/** The real app over a vault file in [scratch]. */
class AppUnderTest(
    scratch: Scratch,
    val keys: DeviceKeyStore = InMemoryDeviceKeyStore(),
    pickGroup: (Int) -> Int = { 2 },
    tick: suspend () -> Unit = { delay(1000) },
) : AutoCloseable {
    val thread = VaultThread()
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    val path = scratch.path()

    @Volatile
    var left = false

    /** The support contacts the platform was asked to open. */
    val reached: MutableList<String> = java.util.Collections.synchronizedList(mutableListOf())

    val app = AppPresenter(scope, thread, path, keys, ZONE, FLOOR, pickGroup, tick, onLeave = { left = true }, onReach = { reached += it.name })

    override fun close() {
        scope.cancel()
        app.clientOrNull()?.close()
        thread.close()
    }
}

@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.showApp(a: AppUnderTest) {
    setContent { Providers { NoContactApp(a.app, ZONE) } }
    a.app.start()
}

/** Waits (up to 15 s: unlocks derive keys) until [text] is shown, then returns its node. */
@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.waitForText(text: String, substring: Boolean = false): SemanticsNodeInteraction {
    waitUntil("text <$text> shown", 15_000) {
        onAllNodes(hasText(text, substring = substring)).fetchSemanticsNodes().isNotEmpty()
    }
    return onNodeWithText(text, substring = substring)
}

@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.waitForGone(text: String, substring: Boolean = false) {
    waitUntil("text <$text> gone", 15_000) {
        onAllNodes(hasText(text, substring = substring)).fetchSemanticsNodes().isEmpty()
    }
}

@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.type(tag: String, text: String) {
    val node = onNodeWithTag(tag)
    node.performTextClearance()
    node.performTextInput(text)
}

@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.tap(text: String) {
    onNodeWithText(text).performClick()
}

/** Every text shown by the node tagged [tag] and its descendants. */
@OptIn(ExperimentalTestApi::class)
fun DesktopComposeUiTest.textOf(tag: String): String {
    val out = StringBuilder()
    fun walk(node: SemanticsNode) {
        node.config.getOrElse(SemanticsProperties.Text) { emptyList() }.forEach { out.append(it.text) }
        node.children.forEach(::walk)
    }
    walk(onNodeWithTag(tag, useUnmergedTree = true).fetchSemanticsNode())
    return out.toString()
}

fun s(key: String, vararg args: Any): String = STRINGS.get(key, *args)
