// The log filtered by person and by period (APPS.md 2.6), paged, through the
// real screen against the real library: the list shows only the matching
// entries, the same ones the core returns for that query.
package app.nocontact.ui.test

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.hasTestTag
import app.nocontact.client.Suite
import app.nocontact.client.assertEq
import app.nocontact.client.check
import app.nocontact.client.ok
import app.nocontact.client.person
import app.nocontact.core.AttemptResponse
import app.nocontact.core.Channel
import app.nocontact.core.EventBody
import app.nocontact.core.EventQuery
import app.nocontact.core.TheirAttempt
import app.nocontact.ui.app.Route
import java.time.Instant
import java.time.temporal.ChronoUnit

private fun attempt(personId: String, channel: Channel, note: String) =
    EventBody.TheirAttempt(TheirAttempt(personId, channel, "", "", false, AttemptResponse.IGNORED, "", emptyList(), 0u, emptyList(), note))

@OptIn(ExperimentalTestApi::class)
fun registerLogFilterFlowTests() {
    Suite.test("ui log filters: by person and by period, still paged; the list holds exactly what the core returns") {
        AppUnderTest(this).use { a ->
            var sam = ""
            var alex = ""
            val now = Instant.now()
            prepareLockedVault(a) { c ->
                sam = c.addPerson(person("Sam")).ok("Sam").id
                alex = c.addPerson(person("Alex")).ok("Alex").id
                repeat(21) { n -> c.logEvent(attempt(sam, Channel.CALL, "recent $n"), now.minus(n.toLong() * 5, ChronoUnit.MINUTES)).ok("recent $n") }
                c.logEvent(attempt(sam, Channel.EMAIL, "old one"), now.minus(40, ChronoUnit.DAYS)).ok("old")
                c.logEvent(attempt(alex, Channel.TEXT, "from Alex"), now.minus(2, ChronoUnit.DAYS)).ok("alex")
                c.logCheckIn(3u, note = "a calm day").ok("check-in")
            }
            fun shown(): List<String> = ((a.app.route.value as Route.Log).presenter.state.value).events.map { it.id }
            var samAll = emptyList<String>()
            var samWeek = emptyList<String>()
            var alexWeek = emptyList<String>()
            phoneTest {
                toHome(a)
                tapTag("open_log")
                waitForText(STRINGS.plural("log_count", 24, 24))
                tapTag("filter_person_$sam")
                waitForText(STRINGS.plural("log_count", 22, 22))
                check(onAllNodes(hasTestTag("log_more")).fetchSemanticsNodes().isNotEmpty()) { "no next page for 22 entries" }
                tapTag("log_more")
                waitUntil("second page", 15_000) { shown().size == 22 }
                waitForText("old one")
                samAll = shown()
                tapTag("period_week")
                waitForText(STRINGS.plural("log_count", 21, 21))
                waitForGone("old one")
                check(shown().size == 20) { "first page of the week shows ${shown().size}" }
                tapTag("log_more")
                waitUntil("second page of the week", 15_000) { shown().size == 21 }
                samWeek = shown()
                tapTag("filter_person_$alex")
                waitForText(STRINGS.plural("log_count", 1, 1))
                waitForText(s("log_event_their_attempt", "Alex", s("channel.text")))
                waitForGone(s("log_event_their_attempt", "Sam", s("channel.call")))
                alexWeek = shown()
                tapTag("filter_person_all")
                tapTag("period_all")
                waitForText(STRINGS.plural("log_count", 24, 24))
            }
            inspectVault(a) { c ->
                suspend fun ids(q: EventQuery) = c.call { it.listEvents(q) }.ok("list").events.map { it.id }
                val weekAgo = now.atZone(ZONE).toLocalDate().minusDays(6).atStartOfDay(ZONE).toInstant()
                assertEq(samAll, ids(EventQuery(emptyList(), sam, null, null, 0u, 100u)), "Sam's entries")
                assertEq(samWeek, ids(EventQuery(emptyList(), sam, weekAgo, null, 0u, 100u)), "Sam's entries this week")
                assertEq(alexWeek, ids(EventQuery(emptyList(), alex, weekAgo, null, 0u, 100u)), "Alex's entries this week")
                assertEq(samAll.size, 22, "Sam's count")
                assertEq(samWeek.size, 21, "Sam's count this week")
                assertEq(alexWeek.size, 1, "Alex's count")
            }
        }
    }
}
