// Reminders (APPS.md 2.14, 2.16) through the real screen against the real
// library: the times and the discretion level saved in the vault, and the
// upcoming reminders shown with exactly the core's text.
package app.nocontact.ui.test

import androidx.compose.ui.test.ExperimentalTestApi
import app.nocontact.client.Suite
import app.nocontact.client.assertEq
import app.nocontact.client.check
import app.nocontact.client.ok
import app.nocontact.client.person
import app.nocontact.core.Discretion
import app.nocontact.core.ReminderKind
import app.nocontact.core.TimeOfDay
import app.nocontact.ui.app.Route
import app.nocontact.ui.reminders.RemindersPresenter
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking

@OptIn(ExperimentalTestApi::class)
fun registerRemindersFlowTests() {
    Suite.test("ui reminders: from settings, neutral text by default; times and plain text saved; the upcoming list is the core's") {
        AppUnderTest(this).use { a ->
            prepareLockedVault(a) { c -> c.addPerson(person("Sam")).ok("Sam") }
            fun presenter() = (a.app.route.value as Route.Reminders).presenter
            phoneTest {
                toHome(a)
                tapTag("open_settings")
                tapTag("settings_reminders")
                waitForText(s("reminders_neutral_explain"))
                waitUntil("upcoming loaded", 15_000) { presenter().state.value.upcoming.isNotEmpty() }
                val before = runBlocking { a.app.clientOrNull()!!.upcomingReminders(RemindersPresenter.UPCOMING).ok("upcoming") }
                check(before.all { it.kind == ReminderKind.DAILY_CHECK_IN }) { "defaults: $before" }
                // Neutral: the core's words, which never say what the app is for.
                waitForText(before.first().title)
                waitForText(before.first().body)
                check(!before.first().body.contains("contact", ignoreCase = true)) { "neutral text says <${before.first().body}>" }

                tapTag("discretion_plain")
                waitForText(s("reminders_plain_explain"))
                tapTag("daily_0800")
                tapTag("evening_2100")
                tapTag("reminders_milestones")
                tapTag("heads_up_7")
                tapTag("notice_1000")
                tapTag("reminders_save")
                waitForText(s("reminders_saved"))
                waitUntil("upcoming reloaded", 15_000) { presenter().state.value.upcoming.any { it.kind == ReminderKind.EVENING_REVIEW } }
                val after = runBlocking { a.app.clientOrNull()!!.upcomingReminders(RemindersPresenter.UPCOMING).ok("upcoming") }
                assertEq(presenter().state.value.upcoming, after, "the list shown is the core's")
                after.take(2).forEach { r ->
                    waitForText(r.title)
                    waitForText(r.body)
                }
                tapTag("reminders_back")
                waitForText(s("settings_title"))
            }
            inspectVault(a) { c ->
                val saved = c.reminderSettings().ok("settings")
                assertEq(saved.discretion, Discretion.PLAIN, "discretion")
                assertEq(saved.dailyCheckIn, TimeOfDay(8u, 0u), "daily check-in")
                assertEq(saved.eveningReview, TimeOfDay(21u, 0u), "evening review")
                assertEq(saved.milestones, false, "milestones")
                assertEq(saved.riskyDateHeadsUpDays, 7u, "heads-up days")
                assertEq(saved.noticeTime, TimeOfDay(10u, 0u), "notice time")
                assertEq(saved.boundaryReviews, true, "boundary reviews untouched")
            }
        }
    }

    Suite.test("ui reminders: the presenter hands the core's upcoming reminders to the platform, again after a save") {
        val thread = app.nocontact.client.VaultThread()
        val scope = kotlinx.coroutines.CoroutineScope(kotlinx.coroutines.SupervisorJob() + kotlinx.coroutines.Dispatchers.Default)
        try {
            runBlocking {
                app.nocontact.client.VaultClient.create(thread, path(), app.nocontact.core.VaultSetup(app.nocontact.client.PASSCODE, null, false, app.nocontact.client.FLOOR), ZONE)
                    .ok("create").client.use { c ->
                        val scheduled = java.util.Collections.synchronizedList(mutableListOf<List<app.nocontact.core.Reminder>>())
                        val p = RemindersPresenter(scope, c, onSchedule = { scheduled += it })
                        p.start()
                        kotlinx.coroutines.withTimeout(15_000) { while (scheduled.isEmpty()) kotlinx.coroutines.delay(20) }
                        assertEq(scheduled.single(), c.upcomingReminders(RemindersPresenter.UPCOMING).ok("upcoming"), "first schedule")
                        p.changed(p.state.value.draft!!.copy(dailyCheckIn = null, eveningReview = TimeOfDay(22u, 0u)))
                        p.save()
                        kotlinx.coroutines.withTimeout(15_000) { while (scheduled.size < 2) kotlinx.coroutines.delay(20) }
                        val again = scheduled[1]
                        assertEq(again, c.upcomingReminders(RemindersPresenter.UPCOMING).ok("upcoming"), "schedule after the save")
                        check(again.isNotEmpty() && again.all { it.kind == ReminderKind.EVENING_REVIEW }) { "after the save: $again" }
                    }
            }
        } finally {
            scope.cancel()
            thread.close()
        }
    }
}
