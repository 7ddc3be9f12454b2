// The flows of APPS.md section 2 driven through the real screens against the
// real libnocontact_ffi in a temporary vault: what the screen shows, then
// what the vault holds.
package app.nocontact.ui.test

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.assertIsOn
import androidx.compose.ui.test.hasContentDescription
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.nocontact.client.CoreError
import app.nocontact.client.FLOOR
import app.nocontact.client.PASSCODE
import app.nocontact.client.Scratch
import app.nocontact.client.Suite
import app.nocontact.client.UTC
import app.nocontact.client.VaultClient
import app.nocontact.client.VaultThread
import app.nocontact.client.assertEq
import app.nocontact.client.check
import app.nocontact.client.err
import app.nocontact.client.fail
import app.nocontact.client.ok
import app.nocontact.client.person
import app.nocontact.core.AccessKind
import app.nocontact.core.Channel
import app.nocontact.core.EventBody
import app.nocontact.core.EventKind
import app.nocontact.core.EventQuery
import app.nocontact.core.ReflectionFilter
import app.nocontact.core.ReflectionKind
import app.nocontact.core.ReflectionQuery
import app.nocontact.core.Secret
import app.nocontact.core.SupportContact
import app.nocontact.core.UrgeOutcome
import app.nocontact.core.VaultSetup
import kotlinx.coroutines.channels.Channel as Ticks
import kotlinx.coroutines.runBlocking
import java.io.File

private const val DURESS = "grocery list 42"

private fun allEvents() = EventQuery(emptyList(), null, null, null, 0u, 100u)

/** Makes a vault at [path] with the device key of [a] and a person "Sam"; [more] runs unlocked; then locks it. */
private fun prepare(a: AppUnderTest, more: suspend (VaultClient) -> Unit = {}) = runBlocking {
    VaultThread().use { thread ->
        val key = a.keys.getOrCreate()
        val made = VaultClient.create(thread, a.path, VaultSetup(PASSCODE, key, true, FLOOR), UTC).ok("create")
        made.client.use { c ->
            c.call { it.addPerson(person("Sam")) }.ok("addPerson")
            more(c)
        }
    }
}

/** Opens the vault file of [a] on its own, unlocked with the passcode, for checking what it holds. */
private fun <T> inspect(a: AppUnderTest, secret: Secret? = null, block: suspend (VaultClient) -> T): T = runBlocking {
    // One object holds the vault unlocked at a time (OpenElsewhere): the app's is locked first.
    a.app.clientOrNull()?.lock()
    VaultThread().use { thread ->
        VaultClient.open(thread, a.path, UTC).ok("open").use { c ->
            c.unlock(secret ?: Secret.PasscodeAndDeviceKey(PASSCODE, a.keys.existing() ?: fail("no device key"))).ok("unlock")
            block(c)
        }
    }
}

@OptIn(ExperimentalTestApi::class)
private fun Scratch.unlockedHome(a: AppUnderTest, test: androidx.compose.ui.test.DesktopComposeUiTest) = with(test) {
    showApp(a)
    waitForText(s("unlock_title"))
    type("passcode", PASSCODE)
    tap(s("unlock_button"))
    waitForText(s("home_action_reached_out"))
}

@OptIn(ExperimentalTestApi::class)
fun registerUiFlowTests() {
    Suite.test("ui: first run warns about a watched phone, checks both passcodes and one recovery group, then opens home") {
        AppUnderTest(this).use { a ->
            phoneTest {
                showApp(a)
                waitForText(s("first_run_welcome_title"))
                waitForText(s("first_run_watched_phone"))
                waitForText(s("first_run_sends_nothing"))
                tap(s("first_run_start"))
                waitForText(s("first_run_passcode_title"))
                type("passcode", PASSCODE)
                type("confirm", "$PASSCODE!")
                tap(s("first_run_create"))
                waitForText(s("first_run_mismatch"))
                check(!File(a.path).exists()) { "a vault was created although the passcodes differ" }
                type("confirm", PASSCODE)
                tap(s("first_run_create"))
                waitForText(s("first_run_recovery_title"))
                val groups = textOf("recovery_code").split(' ')
                // Groups of four, then the core's one check character.
                check(groups.size >= 5 && groups.dropLast(1).all { it.length == 4 } && groups.last().length == 1) { "recovery code shown as <$groups>" }
                waitForText(s("first_run_type_group", 3))
                type("typed_group", if (groups[2] == "AAAA") "BBBB" else "AAAA")
                tap(s("first_run_finish"))
                waitForText(s("first_run_group_mismatch", 3))
                type("typed_group", groups[2].lowercase())
                tap(s("first_run_finish"))
                waitForText(s("home_action_reached_out"))
                waitForText(s("home_no_people"))
            }
            check(File(a.path).exists()) { "no vault file after the first run" }
            val status = runBlocking { a.app.clientOrNull()!!.call { it.status() }.ok("status") }
            check(status.passcodeNeedsDeviceKey) { "the passcode is not hardened by the device key" }
            check(status.hasDeviceKey) { "biometric unlock (a device-key slot) was not set up" }
            runBlocking { a.app.clientOrNull()!!.lock().ok("lock") }
            inspect(a, Secret.DeviceKey(a.keys.existing()!!)) { }
            runBlocking {
                VaultThread().use { t ->
                    VaultClient.open(t, a.path, UTC).ok("open").use { c ->
                        assertEq(c.unlock(Secret.Passcode(PASSCODE)).err("passcode alone"), CoreError.WrongSecret, "passcode without the device key")
                    }
                }
            }
        }
    }

    Suite.test("ui: unlock says a wrong passcode calmly, opens home, and shows the access-log banner until acknowledged") {
        AppUnderTest(this).use { a ->
            prepare(a)
            runBlocking {
                VaultThread().use { t ->
                    VaultClient.open(t, a.path, UTC).ok("open").use { c -> c.unlock(Secret.Passcode("someone else")).err("stranger") }
                }
            }
            phoneTest {
                showApp(a)
                waitForText(s("unlock_title"))
                type("passcode", "not it")
                tap(s("unlock_button"))
                waitForText(s("unlock_wrong"))
                type("passcode", PASSCODE)
                tap(s("unlock_button"))
                waitForText(s("home_action_reached_out"))
                waitForText("Sam")
                waitForText("Someone tried to open the app — 2 times since", substring = true)
                tap(s("home_access_banner_dismiss"))
                waitForGone("Someone tried to open the app", substring = true)
            }
            inspect(a) { c ->
                val log = c.accessLog().ok("accessLog")
                assertEq(log.count { it.kind == AccessKind.FAILED_UNLOCK }, 2, "failed unlocks in the access log")
                // The inspection's own unlock is the only new event.
                check(log.filter { it.new }.all { it.kind == AccessKind.UNLOCK }) { "events still new after acknowledging: $log" }
            }
        }
    }

    Suite.test("ui: unlock says calmly that the notebook is open in another window, and opens once it is closed there") {
        AppUnderTest(this).use { a ->
            prepare(a)
            val other = VaultThread()
            val elsewhere = runBlocking { VaultClient.open(other, a.path, UTC).ok("open elsewhere") }
            try {
                runBlocking { elsewhere.unlock(Secret.PasscodeAndDeviceKey(PASSCODE, a.keys.existing()!!)).ok("unlock elsewhere") }
                phoneTest {
                    showApp(a)
                    waitForText(s("unlock_title"))
                    type("passcode", PASSCODE)
                    tap(s("unlock_button"))
                    waitForText(s("unlock_open_elsewhere"))
                    runBlocking { elsewhere.lock().ok("lock elsewhere") }
                    tap(s("unlock_button"))
                    waitForText(s("home_action_reached_out"))
                }
            } finally {
                elsewhere.close()
                other.close()
            }
            inspect(a) { c ->
                assertEq(c.lockState().ok("lockState").failedAttempts, 0u, "failed attempts counted while open elsewhere")
            }
        }
    }

    Suite.test("ui: too many wrong passcodes show the wait counting down, with the button off") {
        val ticks = Ticks<Unit>(Ticks.UNLIMITED)
        AppUnderTest(this, tick = { ticks.receive() }).use { a ->
            prepare(a)
            phoneTest {
                showApp(a)
                waitForText(s("unlock_title"))
                repeat(5) { n ->
                    type("passcode", "wrong $n")
                    tap(s("unlock_button"))
                    if (n < 4) waitForText(s("unlock_wrong"))
                }
                waitForText("You can try again in", substring = true)
                val first = textOf("unlock_message")
                check(first.contains("0:30") || first.contains("0:29")) { "wait shown as <$first>" }
                onNodeWithTag("unlock_button").assertIsNotEnabled()
                ticks.trySend(Unit)
                ticks.trySend(Unit)
                waitUntil("the wait counts down", 5_000) { textOf("unlock_message") != first }
                val later = textOf("unlock_message")
                check(later.contains("0:28") || later.contains("0:27")) { "after two ticks the wait reads <$later> (was <$first>)" }
            }
            val state = runBlocking {
                VaultThread().use { t -> VaultClient.open(t, a.path, UTC).ok("open").use { it.lockState().ok("lockState") } }
            }
            assertEq(state.failedAttempts, 5u, "failed attempts counted by the vault")
        }
    }

    Suite.test("ui: the duress passcode opens the cover space through the same screens") {
        AppUnderTest(this).use { a ->
            prepare(a) { c ->
                val key = a.keys.existing() ?: fail("no device key")
                // The passcode needs the device key, so the duress passcode must have it too.
                assertEq(c.call { it.setDuressPasscode(DURESS) }.err("duress without the key"), CoreError.InvalidInput("device_key"), "duress without the key")
                c.call { it.setDuressPasscodeWithDeviceKey(DURESS, key) }.ok("setDuressPasscodeWithDeviceKey")
                c.lock().ok("lock")
                c.unlock(Secret.PasscodeAndDeviceKey(DURESS, key)).ok("duress unlock")
                c.call { it.addPerson(person("Book club")) }.ok("cover person")
            }
            phoneTest {
                showApp(a)
                waitForText(s("unlock_title"))
                type("passcode", DURESS)
                tap(s("unlock_button"))
                waitForText("Book club")
                waitForGone("Sam")
            }
            inspect(a) { c ->
                assertEq(c.call { it.listPeople(false) }.ok("people").map { it.alias }, listOf("Sam"), "the real space's people")
                check(c.accessLog().ok("log").any { it.kind == AccessKind.DURESS_UNLOCK }) { "no duress unlock in the real access log" }
            }
        }
    }

    Suite.test("ui: the four quick actions of home log an attempt, an urge, a check-in and a journal entry") {
        AppUnderTest(this).use { a ->
            prepare(a)
            var promptId: String? = null
            phoneTest {
                unlockedHome(a, this)
                tap(s("home_action_reached_out"))
                waitForText(s("quick_attempt_how"))
                tap(s("channel.call"))
                waitForText(s("home_saved"))
                onNodeWithTag("action_urge").performClick()
                waitForText(s("quick_urge_body"))
                onNode(hasContentDescription(s("quick_urge_intensity", 6))).performClick()
                waitForText(s("urge_title"))
                waitForText(s("urge_end_delayed")).performScrollTo().performClick()
                waitForText(s("home_saved"))
                onNodeWithTag("action_check_in").performClick()
                waitForText(s("quick_check_in_title"))
                tap(s("mood.4"))
                waitForText(s("home_saved"))
                onNodeWithTag("action_write").performClick()
                type("draft", "Walked by the river and felt steadier.")
                tap(s("quick_write_save"))
                waitForText(s("home_saved"))
                promptId = runBlocking { a.app.clientOrNull()!!.summary().ok("summary").promptOfTheDay?.id }
            }
            inspect(a) { c ->
                val events = c.call { it.listEvents(allEvents()) }.ok("events").events.reversed()
                assertEq(events.map { it.kind }, listOf(EventKind.THEIR_ATTEMPT, EventKind.URGE, EventKind.CHECK_IN), "events, in order")
                val attempt = (events[0].body as EventBody.TheirAttempt).attempt
                assertEq(attempt.channel, Channel.CALL, "attempt channel")
                assertEq((events[1].body as EventBody.Urge).urge.intensity, 6.toUByte(), "urge intensity")
                assertEq((events[2].body as EventBody.CheckIn).checkIn.mood, 4.toUByte(), "check-in mood")
                val reflections = c.call { it.listReflections(ReflectionQuery(ReflectionFilter.ALL, null, null, null, 0u, 10u)) }.ok("reflections")
                assertEq(reflections.reflections.map { it.body.text }, listOf("Walked by the river and felt steadier."), "journal text")
                val kind = reflections.reflections[0].body.kind as? ReflectionKind.Journal ?: fail("not a journal entry")
                check(promptId != null) { "no prompt of the day" }
                assertEq(kind.promptId, promptId, "the entry answers today's prompt")
            }
        }
    }

    Suite.test("ui: the urge flow shows my reasons, steps and people, waits, keeps a letter unsent and logs the outcome") {
        val ticks = Ticks<Unit>(Ticks.UNLIMITED)
        AppUnderTest(this, tick = { ticks.receive() }).use { a ->
            prepare(a) { c ->
                c.call { it.addReason("I want to sleep through the night again", null) }.ok("addReason")
                c.call { v ->
                    val plan = v.safetyPlan()
                    plan.copingStrategies = listOf("Breathe out slowly five times", "Go for a walk")
                    plan.peopleToAsk = listOf(SupportContact("Alex", "07700 900123"))
                    v.saveSafetyPlan(plan)
                }.ok("saveSafetyPlan")
            }
            phoneTest {
                unlockedHome(a, this)
                onNodeWithTag("action_urge").performClick()
                onNode(hasContentDescription(s("quick_urge_intensity", 8))).performClick()
                waitForText(s("urge_title"))
                waitForText("• I want to sleep through the night again")
                onNodeWithTag("step_1").performScrollTo().performClick()
                onNodeWithTag("step_1").assertIsOn()
                waitForText(s("urge_reach", "Alex", "07700 900123")).performScrollTo().performClick()
                onNodeWithTag("wait").performScrollTo().performClick()
                waitForText(s("urge_wait_left", "15:00"))
                ticks.trySend(Unit)
                waitForText(s("urge_wait_left", "14:59"))
                onNodeWithTag("letter").performScrollTo()
                type("letter", "I miss you but I am not coming back.")
                waitForText(s("urge_letter_keep")).performScrollTo().performClick()
                waitForText(s("urge_letter_kept"))
                waitForText(s("urge_end_resisted")).performScrollTo().performClick()
                waitForText(s("home_saved"))
            }
            assertEq(a.reached.toList(), listOf("Alex"), "the contacts handed to the phone's dialer")
            inspect(a) { c ->
                val events = c.call { it.listEvents(allEvents()) }.ok("events").events
                assertEq(events.map { it.kind }, listOf(EventKind.URGE), "events after the urge flow")
                val urge = (events[0].body as EventBody.Urge).urge
                assertEq(urge.intensity, 8.toUByte(), "intensity")
                assertEq(urge.outcome, UrgeOutcome.RESISTED, "outcome")
                assertEq(urge.coping, listOf("Go for a walk"), "the steps ticked as done")
                val letters = c.call { it.listReflections(ReflectionQuery(ReflectionFilter.ALL, null, null, null, 0u, 10u)) }.ok("reflections")
                assertEq(letters.reflections.map { it.body.text }, listOf("I miss you but I am not coming back."), "the letter kept")
                check(letters.reflections[0].body.kind is ReflectionKind.UnsentLetter) { "the letter is not an unsent letter" }
            }
        }
    }

    Suite.test("ui: the quick exit locks the vault at once and leaves") {
        AppUnderTest(this).use { a ->
            prepare(a)
            phoneTest {
                unlockedHome(a, this)
                onNodeWithTag("quick_exit").performClick()
                waitUntil("the app left", 10_000) { a.left }
                waitForGone(s("home_action_reached_out"))
            }
            assertEq(runBlocking { a.app.clientOrNull()!!.isUnlocked().ok("isUnlocked") }, false, "unlocked after the quick exit")
        }
    }
}
