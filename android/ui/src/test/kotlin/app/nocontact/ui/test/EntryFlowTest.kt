// Full entries (APPS.md 2.7) through the real screens against the real
// library: from quick log's "add details" and from the log's correction,
// each field typed or chosen, then checked in what the vault holds.
package app.nocontact.ui.test

import androidx.compose.ui.test.ExperimentalTestApi
import app.nocontact.client.Suite
import app.nocontact.client.assertEq
import app.nocontact.client.check
import app.nocontact.client.fail
import app.nocontact.client.ok
import app.nocontact.client.person
import app.nocontact.core.AttemptResponse
import app.nocontact.core.BoundaryInput
import app.nocontact.core.BoundaryKind
import app.nocontact.core.Channel
import app.nocontact.core.Emotion
import app.nocontact.core.EventBody
import app.nocontact.core.EventKind
import app.nocontact.core.EventQuery
import app.nocontact.core.Initiator
import app.nocontact.core.LocalDate
import app.nocontact.core.TriggerCategory
import app.nocontact.core.TriggerInput
import app.nocontact.core.UrgeOutcome
import kotlinx.coroutines.runBlocking

private fun everything() = EventQuery(emptyList(), null, null, null, 0u, 100u)

@OptIn(ExperimentalTestApi::class)
fun registerEntryFlowTests() {
    Suite.test("ui entry: their attempt with every field from quick log's add details, then corrected from the log as an amendment") {
        AppUnderTest(this).use { a ->
            prepareLockedVault(a) { c -> c.addPerson(person("Sam")).ok("Sam") }
            phoneTest {
                toHome(a)
                tapTag("action_reached_out")
                tapTag("quick_details")
                waitForText(s("entry_title_new"))
                tapTag("entry_channel_text")
                type("entry_handle", "07700 900456")
                type("entry_said", "You will regret this")
                tapTag("entry_said_verbatim")
                tapTag("entry_response_blocked")
                type("entry_location", "Outside work")
                type("entry_witnesses", "Alex\nJo")
                tapTag("entry_unsafe_3")
                type("entry_note", "Second time this week")
                tapTag("entry_save")
                waitForText(s("home_saved"))

                val id = runBlocking { a.app.clientOrNull()!!.call { it.listEvents(everything()) }.ok("list") }.events.single().id
                tapTag("open_log")
                tapTag("event_$id")
                tapTag("log_edit_all")
                waitForText(s("entry_title_amend"))
                waitForText(s("entry_amend_explain"))
                waitForText("You will regret this")
                tapTag("entry_unsafe_4")
                type("entry_location", "Outside work, by the car park")
                tapTag("entry_save")
                waitForText(s("log_amended"))
                waitForText(s("log_detail_corrected", 2))
                waitForText(s("log_earlier_title"))
            }
            inspectVault(a) { c ->
                val e = c.call { it.listEvents(everything()) }.ok("list").events.single()
                val attempt = (e.body as? EventBody.TheirAttempt)?.attempt ?: fail("not an attempt: ${e.body}")
                val sam = c.listPeople(false).ok("people").single().id
                assertEq(attempt.personId, sam, "person")
                assertEq(attempt.channel, Channel.TEXT, "channel")
                assertEq(attempt.handle, "07700 900456", "handle")
                assertEq(attempt.said, "You will regret this", "said")
                assertEq(attempt.saidVerbatim, true, "their exact words")
                assertEq(attempt.response, AttemptResponse.BLOCKED, "response")
                assertEq(attempt.location, "Outside work, by the car park", "where, corrected")
                assertEq(attempt.witnesses, listOf("Alex", "Jo"), "witnesses")
                assertEq(attempt.feltUnsafe.toInt(), 4, "felt unsafe, corrected")
                assertEq(attempt.note, "Second time this week", "note")
                val history = c.eventHistory(e.id).ok("history")
                assertEq(history.size, 2, "versions")
                val first = (history.first().body as EventBody.TheirAttempt).attempt
                assertEq(first.feltUnsafe.toInt(), 3, "felt unsafe in the first version")
                assertEq(first.location, "Outside work", "where in the first version")
            }
        }
    }

    Suite.test("ui entry: an urge with triggers, emotions, coping and outcome; my contact crossing a boundary; a check-in with energy") {
        AppUnderTest(this).use { a ->
            var boundary = ""
            var trigger = ""
            var samId = ""
            prepareLockedVault(a) { c ->
                val sam = c.addPerson(person("Sam")).ok("Sam")
                samId = sam.id
                boundary = c.addBoundary(BoundaryInput("No calls", sam.id, BoundaryKind.COMMUNICATION, LocalDate(2026, 1u, 10u), null)).ok("boundary").id
                trigger = c.addTrigger(TriggerInput("Sunday evenings", TriggerCategory.TIME_OF_DAY, null, null)).ok("trigger").id
            }
            phoneTest {
                toHome(a)
                tapTag("action_urge")
                tapTag("quick_details")
                waitForText(s("entry_title_new"))
                tapTag("entry_kind_urge")
                tapTag("entry_intensity_8")
                tapTag("entry_trigger_$trigger")
                tapTag("entry_emotion_lonely")
                tapTag("entry_emotion_anxious")
                tapTag("entry_emotion_sad")
                tapTag("entry_emotion_sad")
                type("entry_coping", "Walked round the block\nCalled Alex")
                tapTag("entry_outcome_delayed")
                tapTag("entry_save")
                waitForText(s("home_saved"))

                tapTag("action_check_in")
                tapTag("quick_details")
                tapTag("entry_kind_my_contact")
                tapTag("entry_person_$samId")
                tapTag("entry_channel_call")
                tapTag("entry_initiator_me")
                tapTag("entry_crossed_$boundary")
                type("entry_note", "I called to ask about the keys")
                tapTag("entry_save")
                waitForText(s("home_saved"))

                tapTag("action_check_in")
                tapTag("quick_details")
                tapTag("entry_kind_check_in")
                tapTag("entry_mood_2")
                tapTag("entry_energy_4")
                type("entry_note", "Tired but steady")
                tapTag("entry_save")
                waitForText(s("home_saved"))
            }
            inspectVault(a) { c ->
                val events = c.call { it.listEvents(everything()) }.ok("list").events
                assertEq(events.map { it.kind }.sorted(), listOf(EventKind.URGE, EventKind.MY_CONTACT, EventKind.CHECK_IN).sorted(), "kinds")
                val urge = events.firstNotNullOf { (it.body as? EventBody.Urge)?.urge }
                assertEq(urge.intensity.toInt(), 8, "intensity")
                assertEq(urge.triggerIds, listOf(trigger), "triggers")
                assertEq(urge.emotions.toSet(), setOf(Emotion.LONELY, Emotion.ANXIOUS), "emotions (sad ticked then unticked)")
                assertEq(urge.coping, listOf("Walked round the block", "Called Alex"), "coping")
                assertEq(urge.outcome, UrgeOutcome.DELAYED, "outcome")
                val contact = events.firstNotNullOf { (it.body as? EventBody.MyContact)?.contact }
                assertEq(contact.channel, Channel.CALL, "contact channel")
                assertEq(contact.initiatedBy, Initiator.ME, "initiated by")
                assertEq(contact.crossedBoundaryIds, listOf(boundary), "crossed")
                assertEq(contact.note, "I called to ask about the keys", "contact note")
                val checkIn = events.firstNotNullOf { (it.body as? EventBody.CheckIn)?.checkIn }
                assertEq(checkIn.mood.toInt(), 2, "mood")
                assertEq(checkIn.energy?.toInt(), 4, "energy")
                assertEq(checkIn.note, "Tired but steady", "check-in note")
                val progress = c.boundaryProgress().ok("progress").single()
                check(progress.crossedByMe == 1u) { "the core does not count the crossing: $progress" }
            }
        }
    }
}
