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
import app.nocontact.ui.log.noteOf
import app.nocontact.ui.log.withNote
import androidx.compose.ui.test.hasText
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
                    // The calm message stays from the attempt before: wait until the button is no longer busy.
                    waitForText(s("unlock_button"))
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

    Suite.test("ui: the log pages newest first, filters by kind, corrects a note as an amendment and deletes with a mark") {
        var attemptId = ""
        var recordsBefore = 0uL
        AppUnderTest(this).use { a ->
            prepare(a) { c ->
                val sam = c.call { it.listPeople(false) }.ok("people").single().id
                val attempt = c.quickLogAttempt(sam, Channel.CALL).ok("attempt")
                attemptId = attempt.id
                c.amendEvent(attempt, withNote(attempt.body, "Called from a new number.")).ok("first note")
                repeat(21) { n -> c.logCheckIn(3u, note = "day $n").ok("check-in $n") }
                recordsBefore = c.call { it.chainReport() }.ok("chainReport").records
            }
            phoneTest {
                unlockedHome(a, this)
                onNodeWithTag("open_log").performScrollTo().performClick()
                waitForText(STRINGS.plural("log_count", 22, 22))
                // Newest first, one page of 20: day 20 down to day 1; day 0 and the call on the next page.
                waitForText("day 20")
                waitForText("day 1")
                check(onAllNodes(hasText("day 0")).fetchSemanticsNodes().isEmpty()) { "the second page is shown before asking" }
                onNodeWithTag("log_more").performScrollTo().performClick()
                waitForText("day 0")
                waitForText(s("log_event_their_attempt", "Sam", s("channel.call")))
                onNodeWithTag("filter_their_attempt").performScrollTo().performClick()
                waitForText(STRINGS.plural("log_count", 1, 1))
                waitForGone("day 3")
                onNodeWithTag("event_$attemptId").performScrollTo().performClick()
                waitForText("Called from a new number.")
                waitForText(s("log_detail_corrected", 2))
                onNodeWithTag("log_edit").performScrollTo().performClick()
                waitForText(s("log_edit_explain"))
                type("log_draft", "Called twice from a new number, then texted.")
                onNodeWithTag("log_save").performScrollTo().performClick()
                waitForText(s("log_amended"))
                waitForText(s("log_detail_corrected", 3))
                waitForText(s("log_earlier_title"))
                check(textOf("version_1").contains("Called from a new number.")) { "version 2 shows <${textOf("version_1")}>" }
                check(textOf("version_0").contains(s("log_detail_no_note"))) { "version 1 shows <${textOf("version_0")}>" }
                onNodeWithTag("log_delete").performScrollTo().performClick()
                waitForText(s("log_delete_explain"))
                onNodeWithTag("log_delete_confirm").performScrollTo().performClick()
                waitForText(s("log_deleted"))
                waitForText(STRINGS.plural("log_count", 0, 0))
                waitForText(s("log_empty"))
                onNodeWithTag("filter_all").performScrollTo().performClick()
                waitForText(STRINGS.plural("log_count", 21, 21))
            }
            inspect(a) { c ->
                assertEq(c.getEvent(attemptId).err("the deleted entry"), CoreError.NotFound, "the deleted entry")
                val left = c.listEvents(emptyList(), 0u, 100u).ok("events")
                assertEq(left.total, 21uL, "entries left")
                check(left.events.all { it.kind == EventKind.CHECK_IN }) { "the attempt is still listed" }
                // The amendment and the redaction mark are two more records of an intact chain.
                val report = c.call { it.chainReport() }.ok("chainReport")
                assertEq(report.records, recordsBefore + 2uL, "records after an amendment and a deletion")
                check(report.intact) { "the chain is not intact after the deletion: ${report.issues}" }
            }
        }
    }

    Suite.test("ui: an amendment is saved in the vault with every earlier version, and a deleted entry is gone from it") {
        AppUnderTest(this).use { a ->
            var id = ""
            prepare(a) { c -> id = c.logCheckIn(2u, note = "first").ok("check-in").id }
            phoneTest {
                unlockedHome(a, this)
                onNodeWithTag("open_log").performScrollTo().performClick()
                waitForText("first")
                onNodeWithTag("event_$id").performScrollTo().performClick()
                onNodeWithTag("log_edit").performScrollTo().performClick()
                type("log_draft", "second")
                onNodeWithTag("log_save").performScrollTo().performClick()
                waitForText(s("log_amended"))
            }
            inspect(a) { c ->
                val history = c.eventHistory(id).ok("history")
                assertEq(history.map { noteOf(it.body) }, listOf("first", "second"), "every version, oldest first")
                assertEq(history.map { (it.body as EventBody.CheckIn).checkIn.mood }, listOf(2.toUByte(), 2.toUByte()), "the mood is kept")
                assertEq(history.map { it.at }.toSet().size, 1, "the time it happened is kept")
            }
        }
    }

    Suite.test("ui: the safety plan's crisis view starts with the steps, one section at a time; an edit is a new version") {
        AppUnderTest(this).use { a ->
            prepare(a) { c ->
                c.call { v ->
                    val plan = v.safetyPlan()
                    plan.copingStrategies = listOf("Breathe out slowly five times", "Go for a walk")
                    plan.peopleToAsk = listOf(SupportContact("Alex", "07700 900123"))
                    plan.warningSigns = listOf("I start checking their profile")
                    v.saveSafetyPlan(plan)
                }.ok("saveSafetyPlan")
            }
            phoneTest {
                unlockedHome(a, this)
                onNodeWithTag("open_plan").performScrollTo().performClick()
                waitForText(s("plan_title"))
                onNodeWithTag("plan_crisis").performScrollTo().performClick()
                waitForText(s("plan_crisis_position", 1, 3))
                waitForText(s("safety_plan.coping_strategies"))
                waitForText("1. Breathe out slowly five times")
                waitForText("2. Go for a walk")
                check(onAllNodes(hasText("Alex", substring = true)).fetchSemanticsNodes().isEmpty()) { "more than one section shown at once" }
                onNodeWithTag("crisis_next").performScrollTo().performClick()
                waitForText(s("plan_crisis_position", 2, 3))
                waitForText(s("safety_plan.warning_signs"))
                onNodeWithTag("crisis_next").performScrollTo().performClick()
                waitForText(s("plan_crisis_position", 3, 3))
                waitForText("07700 900123")
                tap("Alex")
                waitUntil("the contact handed to the dialer", 5_000) { a.reached.toList() == listOf("Alex") }
                onNodeWithTag("crisis_close").performScrollTo().performClick()
                onNodeWithTag("edit_coping_strategies").performScrollTo().performClick()
                waitForText(s("plan_edit_versions"))
                type("plan_draft", "Breathe out slowly five times\nCall Alex\n\n  Go for a walk  ")
                onNodeWithTag("plan_save").performScrollTo().performClick()
                waitForText(s("plan_saved"))
                waitForText("• Call Alex")
                onNodeWithTag("plan_history").performScrollTo().performClick()
                waitForText(s("plan_version", 2, ""), substring = true)
                check(textOf("plan_version_1").contains("Breathe out slowly five times; Go for a walk")) { "version 1 shows <${textOf("plan_version_1")}>" }
            }
            inspect(a) { c ->
                val history = c.call { it.safetyPlanHistory() }.ok("history")
                assertEq(history.map { it.version }, listOf(2u, 1u), "versions, newest first")
                assertEq(history[0].plan.copingStrategies, listOf("Breathe out slowly five times", "Call Alex", "Go for a walk"), "the new steps")
                assertEq(history[1].plan.copingStrategies, listOf("Breathe out slowly five times", "Go for a walk"), "the earlier steps")
                assertEq(history[0].plan.peopleToAsk, listOf(SupportContact("Alex", "07700 900123")), "the other sections unchanged")
            }
        }
    }

    Suite.test("ui: settings change the passcode, set the duress passcode with the device key, and save the lock policy") {
        AppUnderTest(this).use { a ->
            prepare(a)
            val fresh = "new passcode 9"
            phoneTest {
                unlockedHome(a, this)
                onNodeWithTag("open_settings").performScrollTo().performClick()
                onNodeWithTag("settings_passcode").performScrollTo().performClick()
                type("settings_new", fresh)
                type("settings_confirm", "$fresh!")
                onNodeWithTag("settings_save").performScrollTo().performClick()
                waitForText(s("first_run_mismatch"))
                type("settings_confirm", fresh)
                onNodeWithTag("settings_save").performScrollTo().performClick()
                waitForText(s("settings_passcode_changed"))
                onNodeWithTag("settings_duress").performScrollTo().performClick()
                waitForText(s("settings_duress_does"))
                waitForText(s("settings_duress_does_not"))
                waitForText(s("settings_duress_off"))
                type("settings_new", DURESS)
                type("settings_confirm", DURESS)
                onNodeWithTag("settings_save").performScrollTo().performClick()
                waitForText(s("settings_duress_saved"))
                onNodeWithTag("settings_lock").performScrollTo().performClick()
                onNodeWithTag("idle_60").performScrollTo().performClick()
                onNodeWithTag("erase_after_10").performScrollTo().performClick()
                waitForText(s("settings_erase_after_warning"))
                onNodeWithTag("settings_save").performScrollTo().performClick()
                waitForText(s("settings_needs_accept"))
                onNodeWithTag("accept_loss").performScrollTo().performClick()
                onNodeWithTag("settings_save").performScrollTo().performClick()
                waitForText(s("settings_lock_saved"))
            }
            val key = a.keys.existing() ?: fail("no device key")
            runBlocking { a.app.clientOrNull()!!.lock().ok("lock") }
            runBlocking {
                VaultThread().use { t ->
                    VaultClient.open(t, a.path, UTC).ok("open").use { c ->
                        assertEq(c.unlock(Secret.PasscodeAndDeviceKey(PASSCODE, key)).err("old passcode"), CoreError.WrongSecret, "the old passcode")
                        assertEq(c.unlock(Secret.Passcode(fresh)).err("new passcode alone"), CoreError.WrongSecret, "the new passcode without the device key")
                        assertEq(c.unlock(Secret.Passcode(DURESS)).err("duress alone"), CoreError.WrongSecret, "the duress passcode without the device key")
                        c.unlock(Secret.PasscodeAndDeviceKey(DURESS, key)).ok("duress with the key")
                        assertEq(c.call { it.listPeople(false) }.ok("cover people"), emptyList(), "the cover space is empty")
                        c.lock().ok("lock")
                    }
                }
            }
            inspect(a, Secret.PasscodeAndDeviceKey(fresh, key)) { c ->
                assertEq(c.call { it.listPeople(false) }.ok("people").map { it.alias }, listOf("Sam"), "the real space opens with the new passcode")
                assertEq(c.call { it.hasDuressPasscode() }.ok("hasDuress"), true, "a duress passcode is set")
                val policy = c.call { it.lockPolicy() }.ok("lockPolicy")
                assertEq(policy.idleTimeoutSeconds, 60u, "idle timeout")
                assertEq(policy.eraseAfterFailures, 10u, "erase after")
            }
        }
    }

    Suite.test("ui: erase everything needs the word typed, then erases the file and shows the first run") {
        AppUnderTest(this).use { a ->
            prepare(a)
            phoneTest {
                unlockedHome(a, this)
                onNodeWithTag("open_settings").performScrollTo().performClick()
                onNodeWithTag("settings_erase").performScrollTo().performClick()
                waitForText(s("settings_erase_warning"))
                type("erase_typed", "eras")
                onNodeWithTag("erase_button").assertIsNotEnabled()
                check(File(a.path).exists()) { "erased before the word was typed" }
                type("erase_typed", " Erase ")
                onNodeWithTag("erase_button").performScrollTo().performClick()
                waitForText(s("first_run_welcome_title"))
            }
            check(!File(a.path).exists()) { "the vault file is still there after the erase" }
            assertEq(a.keys.existing(), null, "the device key after the erase")
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
