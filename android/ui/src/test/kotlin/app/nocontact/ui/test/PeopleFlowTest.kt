// People, boundaries and triggers (APPS.md 2.10) driven through the real
// screens against the real library: what the screen shows, then what the
// vault holds.
package app.nocontact.ui.test

import androidx.compose.ui.test.ExperimentalTestApi
import app.nocontact.client.Suite
import app.nocontact.client.assertEq
import app.nocontact.client.ok
import app.nocontact.client.person
import app.nocontact.core.BoundaryInput
import app.nocontact.core.BoundaryKind
import app.nocontact.core.BoundaryStatus
import app.nocontact.core.Channel
import app.nocontact.core.EventBody
import app.nocontact.core.Initiator
import app.nocontact.core.LocalDate
import app.nocontact.core.MonthDay
import app.nocontact.core.MyContact
import app.nocontact.core.Relationship
import app.nocontact.core.TriggerCategory
import app.nocontact.ui.people.iso
import kotlinx.coroutines.runBlocking

@OptIn(ExperimentalTestApi::class)
fun registerPeopleFlowTests() {
    Suite.test("ui people: quick log with nobody yet adds a person, then a boundary and a trigger; edits, archives and retires them") {
        AppUnderTest(this).use { a ->
            prepareLockedVault(a)
            phoneTest {
                toHome(a)
                tapTag("action_reached_out")
                waitForText(s("home_no_people"))
                tapTag("quick_add_person")
                waitForText(s("people_person_explain"))
                type("person_alias", "Sam")
                tapTag("relationship_parent")
                type("person_since", "2026-13-01")
                tapTag("people_save")
                waitForText(s("people_date_problem"))
                type("person_since", "2026-06-01")
                tapTag("people_save")
                waitForText(s("people_person_saved"))
                waitForText(s("people_since", "2026-06-01"))
                val streak = runBlocking { a.app.clientOrNull()!!.streaks().ok("streaks") }.people.single()
                waitForText(STRINGS.plural("home_days_current", streak.currentDays.toInt(), streak.currentDays.toInt()))
                waitForText(s("relationship.parent"))

                tapTag("add_boundary")
                type("boundary_statement", "I do not answer calls from unknown numbers")
                tapTag("boundary_kind_communication")
                tapTag("people_save")
                waitForText(s("people_boundary_saved"))
                waitForText("I do not answer calls from unknown numbers")
                waitForText(s("people_about", "Sam"))
                val progress = runBlocking { a.app.clientOrNull()!!.boundaryProgress().ok("progress") }.single()
                waitForText(s("people_boundary_days_kept", progress.daysKept.toInt()))
                waitForText(s("people_boundary_crossed", 0))

                tapTag("add_trigger")
                type("trigger_name", "Our anniversary")
                tapTag("trigger_category_date_or_anniversary")
                type("trigger_date", "12-07")
                val samId = runBlocking { a.app.clientOrNull()!!.listPeople(true).ok("people") }.single().id
                tapTag("who_$samId")
                tapTag("people_save")
                waitForText(s("people_trigger_saved"))
                waitForText(s("people_trigger_on", "12-07"))

                tapTag("edit_person_$samId")
                waitForText(s("people_edit_person"))
                type("person_alias", "Sammy")
                tapTag("people_save")
                waitForText("Sammy")
                waitForGone(s("people_about", "Sam"))

                val triggerId = runBlocking { a.app.clientOrNull()!!.listTriggers(true).ok("triggers") }.single().id
                tapTag("archive_trigger_$triggerId")
                waitForText(s("people_archived_notice"))
                waitForGone("Our anniversary")
                tapTag("show_archived")
                waitForText("Our anniversary")
                waitForText(s("people_archived"))
                tapTag("show_archived")

                val boundaryId = progress.boundaryId
                tapTag("retire_boundary_$boundaryId")
                waitForGone("I do not answer calls from unknown numbers")
                tapTag("people_back")
                waitForText(s("home_action_reached_out"))
            }
            inspectVault(a) { c ->
                val p = c.listPeople(true).ok("people").single()
                assertEq(p.alias, "Sammy", "alias")
                assertEq(p.relationship, Relationship.PARENT, "relationship")
                assertEq(p.noContactSince, LocalDate(2026, 6u, 1u), "no contact since")
                assertEq(p.archived, false, "person archived")
                val b = c.listBoundaries().ok("boundaries").single()
                assertEq(b.statement, "I do not answer calls from unknown numbers", "statement")
                assertEq(b.personId, p.id, "boundary's person")
                assertEq(b.kind, BoundaryKind.COMMUNICATION, "kind")
                assertEq(b.status, BoundaryStatus.RETIRED, "status")
                val t = c.listTriggers(true).ok("triggers").single()
                assertEq(t.name, "Our anniversary", "trigger")
                assertEq(t.category, TriggerCategory.DATE_OR_ANNIVERSARY, "category")
                assertEq(t.date, MonthDay(12u, 7u), "date")
                assertEq(t.personId, p.id, "trigger's person")
                assertEq(t.archived, true, "trigger archived")
            }
        }
    }

    Suite.test("ui people: from settings, a boundary shows the core's days kept and my crossings; an archived person comes back") {
        AppUnderTest(this).use { a ->
            var alex = ""
            prepareLockedVault(a) { c ->
                val sam = c.addPerson(person("Sam")).ok("person")
                alex = c.addPerson(person("Alex")).ok("person").id
                val b = c.addBoundary(BoundaryInput("No messages", sam.id, BoundaryKind.COMMUNICATION, LocalDate(2026, 1u, 10u), null)).ok("boundary")
                c.logEvent(EventBody.MyContact(MyContact(sam.id, Channel.TEXT, Initiator.ME, listOf(b.id), ""))).ok("contact")
            }
            phoneTest {
                toHome(a)
                tapTag("open_settings")
                tapTag("settings_people")
                waitForText(s("people_title"))
                val progress = runBlocking { a.app.clientOrNull()!!.boundaryProgress().ok("progress") }.single()
                assertEq(progress.crossedByMe, 1u, "crossings by the core")
                waitForText(s("people_boundary_crossed", 1))
                waitForText(s("people_boundary_days_kept", progress.daysKept.toInt()))
                waitForText(s("people_boundary_last_crossed", iso(progress.lastCrossedOn!!)))
                tapTag("archive_person_$alex")
                waitForText(s("people_archived_notice"))
                waitForGone("Alex")
                tapTag("show_archived")
                tapTag("restore_person_$alex")
                waitForText(s("people_restored_notice"))
                tapTag("people_back")
                waitForText(s("settings_title"))
            }
            inspectVault(a) { c ->
                assertEq(c.listPeople(false).ok("people").map { it.alias }, listOf("Alex", "Sam"), "people not archived")
            }
        }
    }
}
